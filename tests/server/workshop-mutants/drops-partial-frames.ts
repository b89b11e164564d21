// Mutant: a server that keeps only the latest chunk, so a frame that arrives in pieces is lost.
import type { Mutant } from './mutant.ts';

export const DROPS_PARTIAL_FRAMES: Mutant = {
  name: 'drops-partial-frames',
  mistake: "replaces what it has buffered with each new 'data' chunk instead of appending the chunk",
  find: 'received = Buffer.concat([received, chunk]);',
  replace: 'received = chunk;',
};
