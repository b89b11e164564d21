// The hands-on track's eight steps in order: each names its folder under workshop/steps/ and the checks that prove it.
import type { Step } from './checker/check.ts';
import { HANDSHAKE_CHECKS } from './steps/01-handshake/checks.ts';
import { FRAME_HEADER_CHECKS } from './steps/02-frame-header/checks.ts';
import { UNMASK_CHECKS } from './steps/03-unmask/checks.ts';
import { ECHO_CHECKS } from './steps/04-echo/checks.ts';
import { FRAGMENT_CHECKS } from './steps/05-fragments/checks.ts';
import { CONTROL_FRAME_CHECKS } from './steps/06-control-frames/checks.ts';
import { VALIDATION_CHECKS } from './steps/07-validation/checks.ts';
import { LIMIT_CHECKS } from './steps/08-limits/checks.ts';

export const STEPS: Step[] = [
  { number: 1, slug: '01-handshake', title: 'Answer the opening handshake', checks: HANDSHAKE_CHECKS },
  { number: 2, slug: '02-frame-header', title: 'Read a frame header', checks: FRAME_HEADER_CHECKS },
  { number: 3, slug: '03-unmask', title: 'Unmask the payload', checks: UNMASK_CHECKS },
  { number: 4, slug: '04-echo', title: 'Send a frame back: an echo server', checks: ECHO_CHECKS },
  { number: 5, slug: '05-fragments', title: 'Reassemble fragmented messages', checks: FRAGMENT_CHECKS },
  { number: 6, slug: '06-control-frames', title: 'Ping, pong and the close handshake', checks: CONTROL_FRAME_CHECKS },
  { number: 7, slug: '07-validation', title: 'Validate, and fail correctly', checks: VALIDATION_CHECKS },
  { number: 8, slug: '08-limits', title: 'Limits and backpressure', checks: LIMIT_CHECKS },
];

/** The step with this number, or undefined. */
export function stepNumbered(number: number): Step | undefined {
  return STEPS.find((step) => step.number === number);
}
