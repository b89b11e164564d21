// Playwright's expect, taught to wait on the driver layer's Locator: the same matcher names and meanings as
// Playwright's own (toHaveText, toContainText, toHaveCount, …), so a journey reads like any Playwright test.
import { expect as baseExpect } from '@playwright/test';
import { ACTION_TIMEOUT_MS, Locator, type ElementState } from './driver.ts';

type Expected = string | RegExp;
const normalize = (text: string) => text.replace(/[\s\u200b]+/g, ' ').trim();
const show = (value: unknown) => (value instanceof RegExp ? String(value) : JSON.stringify(value));

function textMatches(got: string, want: Expected, substring: boolean): boolean {
  if (want instanceof RegExp) return want.test(normalize(got));
  return substring ? normalize(got).includes(normalize(want)) : normalize(got) === normalize(want);
}

/** The outcome of one look at the page: did it match, and what was there (for the failure message). */
type Verdict = { pass: boolean; got: string };
type Check = (states: ElementState[]) => Verdict;

const single =
  (check: (state: ElementState) => Verdict): Check =>
  (states) =>
    states.length === 1 ? check(states[0]!) : { pass: false, got: `${states.length} elements` };

/** Polls the locator until the check's verdict agrees with the assertion (or its negation), as Playwright does. */
async function waitFor(
  this: { isNot: boolean },
  name: string,
  locator: Locator,
  expected: unknown,
  check: Check,
  options?: { timeout?: number },
) {
  const timeout = options?.timeout ?? ACTION_TIMEOUT_MS;
  const deadline = Date.now() + timeout;
  let verdict: Verdict = { pass: false, got: '(not read)' };
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    verdict = check(await locator.states());
    if (verdict.pass !== this.isNot || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return {
    pass: verdict.pass,
    name,
    expected,
    actual: verdict.got,
    message: () => `expect(${locator}).${this.isNot ? 'not.' : ''}${name}(${show(expected)}) after ${timeout} ms\nReceived: ${verdict.got}`,
  };
}

function textCheck(expected: Expected | Expected[], substring: boolean): Check {
  if (Array.isArray(expected)) {
    return (states) => ({
      pass: states.length === expected.length && states.every((s, i) => textMatches(s.text, expected[i]!, substring)),
      got: JSON.stringify(states.map((s) => normalize(s.text))),
    });
  }
  return single((s) => ({ pass: textMatches(s.text, expected, substring), got: JSON.stringify(normalize(s.text)) }));
}

/** Hands anything that is not our Locator to Playwright's own matcher of the same name. */
async function delegate(isNot: boolean, name: string, received: unknown, args: unknown[]) {
  const target = isNot ? baseExpect(received).not : baseExpect(received);
  await (target as unknown as Record<string, (...a: unknown[]) => Promise<void>>)[name]!(...args);
  return { pass: !isNot, message: () => '' };
}

type Built = { expected: unknown; check: Check; options?: { timeout?: number } | undefined };

// The builders' parameters differ per matcher; `any` here is only the shape Playwright's extend() accepts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function matcher(name: string, build: (...args: any[]) => Built) {
  return async function (this: { isNot: boolean }, received: unknown, ...args: unknown[]) {
    if (!(received instanceof Locator)) return delegate(this.isNot, name, received, args);
    const { expected, check, options } = build(...args);
    return waitFor.call(this, name, received, expected, check, options);
  };
}

type Timeout = { timeout?: number };

export const expect = baseExpect.extend({
  toHaveText: matcher('toHaveText', (expected: Expected | Expected[], options?: Timeout) => ({
    expected,
    check: textCheck(expected, false),
    options,
  })),
  toContainText: matcher('toContainText', (expected: Expected | Expected[], options?: Timeout) => ({
    expected,
    check: textCheck(expected, true),
    options,
  })),
  toHaveValue: matcher('toHaveValue', (expected: Expected, options?: Timeout) => ({
    expected,
    check: single((s) => ({
      pass: s.value !== null && (expected instanceof RegExp ? expected.test(s.value) : s.value === expected),
      got: JSON.stringify(s.value),
    })),
    options,
  })),
  toHaveAttribute: matcher('toHaveAttribute', (name: string, value?: Expected | Timeout, options?: Timeout) => {
    const wanted = typeof value === 'string' || value instanceof RegExp ? value : undefined;
    return {
      expected: wanted === undefined ? name : `${name}=${show(wanted)}`,
      check: single((s) => {
        const got = s.attributes[name];
        const pass = got !== undefined && (wanted === undefined || (wanted instanceof RegExp ? wanted.test(got) : got === wanted));
        return { pass, got: got === undefined ? `no ${name} attribute` : `${name}=${JSON.stringify(got)}` };
      }),
      options: wanted === undefined ? (value as Timeout | undefined) : options,
    };
  }),
  toHaveCount: matcher('toHaveCount', (count: number, options?: Timeout) => ({
    expected: count,
    check: (states) => ({ pass: states.length === count, got: `${states.length} elements` }),
    options,
  })),
  toBeVisible: matcher('toBeVisible', (options?: Timeout) => ({
    expected: 'visible',
    check: single((s) => ({ pass: s.visible, got: s.visible ? 'visible' : 'hidden' })),
    options,
  })),
  toBeHidden: matcher('toBeHidden', (options?: Timeout) => ({
    expected: 'hidden',
    check: (states) => ({ pass: states.every((s) => !s.visible), got: `${states.filter((s) => s.visible).length} visible` }),
    options,
  })),
  toBeEnabled: matcher('toBeEnabled', (options?: Timeout) => ({
    expected: 'enabled',
    check: single((s) => ({ pass: s.enabled, got: s.enabled ? 'enabled' : 'disabled' })),
    options,
  })),
  toBeDisabled: matcher('toBeDisabled', (options?: Timeout) => ({
    expected: 'disabled',
    check: single((s) => ({ pass: !s.enabled, got: s.enabled ? 'enabled' : 'disabled' })),
    options,
  })),
  toBeFocused: matcher('toBeFocused', (options?: Timeout) => ({
    expected: 'focused',
    check: single((s) => ({ pass: s.focused, got: s.focused ? 'focused' : 'not focused' })),
    options,
  })),
  toBeChecked: matcher('toBeChecked', (options?: Timeout) => ({
    expected: 'checked',
    check: single((s) => ({ pass: s.checked, got: s.checked ? 'checked' : 'unchecked' })),
    options,
  })),
});
