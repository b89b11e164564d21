// Looks up a case of the bad-input suite by its id, so a step names the cases it reuses instead of copying them.
import { FRAME_CASES, type FrameCase } from '../../tests/server/bad-input/frame-cases.ts';

export function frameCase(id: string): FrameCase {
  const found = FRAME_CASES.find((testCase) => testCase.id === id);
  if (!found) throw new TypeError(`The bad-input suite has no frame case "${id}", so no check can be made from it.`);
  return found;
}
