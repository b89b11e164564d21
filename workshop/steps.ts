// The hands-on track's eight steps in order: each names its folder under workshop/steps/ and the checks that prove it.
import type { Locale } from '../src/lib/i18n/locale.ts';
import type { Step } from './checker/check.ts';
import { CHECKER_TEXT } from './checker/checker-text.ts';
import { handshakeChecks } from './steps/01-handshake/checks.ts';
import { frameHeaderChecks } from './steps/02-frame-header/checks.ts';
import { unmaskChecks } from './steps/03-unmask/checks.ts';
import { echoChecks } from './steps/04-echo/checks.ts';
import { fragmentChecks } from './steps/05-fragments/checks.ts';
import { controlFrameChecks } from './steps/06-control-frames/checks.ts';
import { validationChecks } from './steps/07-validation/checks.ts';
import { limitChecks } from './steps/08-limits/checks.ts';

const STEP_CHECKS = [
  { slug: '01-handshake', checks: handshakeChecks },
  { slug: '02-frame-header', checks: frameHeaderChecks },
  { slug: '03-unmask', checks: unmaskChecks },
  { slug: '04-echo', checks: echoChecks },
  { slug: '05-fragments', checks: fragmentChecks },
  { slug: '06-control-frames', checks: controlFrameChecks },
  { slug: '07-validation', checks: validationChecks },
  { slug: '08-limits', checks: limitChecks },
];

/** The steps with their titles and checks told in one language: the same checks, the same ids, in other words. */
export function stepsIn(locale: Locale): Step[] {
  const text = CHECKER_TEXT[locale];
  return STEP_CHECKS.map(({ slug, checks }, i) => ({ number: i + 1, slug, title: text.stepTitles[i + 1]!, checks: checks(text) }));
}

export const STEPS: Step[] = stepsIn('en');

/** The step with this number, or undefined. */
export function stepNumbered(number: number, steps: Step[] = STEPS): Step | undefined {
  return steps.find((step) => step.number === number);
}
