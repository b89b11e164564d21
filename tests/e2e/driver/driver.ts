// The engine-neutral page a journey drives: locators by role, label and text, reader actions, and reads. Each
// engine supplies only an EngineAdapter (playwright-adapter.ts, bidi-adapter.ts); everything else is shared here.
import type { JourneyHelpers, Step, TextMatch } from './in-page.ts';

/**
 * The helpers installed in the page. Only for use inside functions sent to the page: each engine sends a function's
 * source text, so this is a global lookup there, never this module's closure.
 */
declare function __journey(): JourneyHelpers;

export type Engine = 'chromium' | 'firefox';

/** Where the site under test is: its origin, and the path prefix it is built for ('/' unless a sub-path build). */
export interface Site {
  origin: string;
  base: string;
}

/** Resolves a site path ('/frames/') against the site's origin and base; absolute URLs pass through. */
export function siteUrl(site: Site, path: string): string {
  if (/^[a-z]+:/i.test(path)) return path;
  const base = site.base.endsWith('/') ? site.base : `${site.base}/`;
  return new URL(base + path.replace(/^\//, ''), site.origin).href;
}

/** An element in the page, as the engine's own handle. */
export type ElementRef = unknown;

/** What one engine must provide: a handful of primitives with no opinion about roles or names. */
export interface EngineAdapter {
  readonly engine: Engine;
  /** The browser's product and version, e.g. "Chromium 156.0.8078.114". */
  readonly version: string;
  goto(url: string): Promise<void>;
  url(): string;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Evaluates a script's source text in the page, exempt from its Content-Security-Policy as any driver's evaluate is. */
  evaluateScript(source: string): Promise<unknown>;
  /** The first element `steps` resolves to, as a handle for the engine's input actions; null if none. */
  element(steps: Step[]): Promise<ElementRef | null>;
  /** A real mouse click at the element's centre (scrolled into view first). */
  click(element: ElementRef): Promise<void>;
  /** Replaces the field's value as a paste would: one input event, the text as typed. */
  fill(element: ElementRef, value: string): Promise<void>;
  /** A key or chord, as Playwright names them: 'Enter', 'Shift+Tab', 'ControlOrMeta+A'. */
  press(key: string): Promise<void>;
  /** Types text key by key into whatever has focus. */
  type(text: string): Promise<void>;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
  /**
   * Every line the page's console showed so far, in order: console calls, the browser's own messages (a failed
   * handshake, a blocked connection) and uncaught exceptions, each as its text.
   */
  readonly consoleLines: string[];
  /** Every request the tab made so far, as "METHOD url" (a preflight would show as OPTIONS). */
  readonly requests: string[];
  /** Another tab in the same browser context (shared cookies, same origin storage). */
  newTab(): Promise<EngineAdapter>;
  close(): Promise<void>;
}

export interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
  /** A heading's level (h1–h6 or aria-level). */
  level?: number;
}

export interface TextOptions {
  exact?: boolean;
}

function textMatch(text: string | RegExp, options: TextOptions = {}): TextMatch {
  if (typeof text !== 'string') return { source: text.source, flags: text.flags };
  return options.exact ? { string: text, exact: true } : { string: text };
}

/** How long actions wait for their element; the assertions in expect.ts use the same. */
export const ACTION_TIMEOUT_MS = 10_000;

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 200)) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** What a locator reads from one element in one round trip. */
export interface ElementState {
  text: string;
  value: string | null;
  visible: boolean;
  enabled: boolean;
  checked: boolean;
  focused: boolean;
  attributes: Record<string, string>;
}

/** A lazy chain of steps, resolved afresh on every read or action, like Playwright's Locator. */
export class Locator {
  readonly driver: Driver;
  readonly steps: Step[];

  constructor(driver: Driver, steps: Step[]) {
    this.driver = driver;
    this.steps = steps;
  }

  private then_(step: Step): Locator {
    return new Locator(this.driver, [...this.steps, step]);
  }
  getByRole(role: string, options: RoleOptions = {}): Locator {
    return this.then_({
      kind: 'role',
      role,
      ...(options.name !== undefined ? { name: textMatch(options.name, options) } : {}),
      ...(options.level !== undefined ? { level: options.level } : {}),
    });
  }
  getByLabel(text: string | RegExp, options?: TextOptions): Locator {
    return this.then_({ kind: 'label', text: textMatch(text, options) });
  }
  getByText(text: string | RegExp, options?: TextOptions): Locator {
    return this.then_({ kind: 'text', text: textMatch(text, options) });
  }
  locator(selector: string): Locator {
    return this.then_({ kind: 'css', selector });
  }
  filter(options: { hasText: string | RegExp }): Locator {
    return this.then_({ kind: 'hasText', text: textMatch(options.hasText) });
  }
  nth(index: number): Locator {
    return this.then_({ kind: 'nth', index });
  }
  first(): Locator {
    return this.nth(0);
  }
  last(): Locator {
    return this.nth(-1);
  }
  toString(): string {
    return this.steps.map((s) => JSON.stringify(s)).join(' >> ');
  }

  /** Every matching element's state, read in the page in one go. */
  states(): Promise<ElementState[]> {
    return this.driver.adapter.evaluate((steps: Step[]) => {
      const j = __journey();
      return j.resolve(steps).map((e) => {
        const attributes: Record<string, string> = {};
        for (const a of e.attributes) attributes[a.name] = a.value;
        const control = e as HTMLInputElement;
        return {
          text: e.textContent ?? '',
          value: 'value' in e && typeof control.value === 'string' ? control.value : null,
          visible: j.isVisible(e),
          enabled: !(e.matches(':disabled') || e.getAttribute('aria-disabled') === 'true'),
          checked: control.checked === true || e.getAttribute('aria-checked') === 'true',
          focused: document.activeElement === e,
          attributes,
        };
      });
    }, this.steps);
  }
  async count(): Promise<number> {
    return (await this.states()).length;
  }

  /** Waits until exactly one element matches and `ready` holds for it, as Playwright's actionability checks do. */
  private async one(ready: (state: ElementState) => boolean = () => true, why = 'attached'): Promise<ElementRef> {
    let last: ElementState[] = [];
    await poll(
      () => this.states(),
      (states) => ((last = states), states.length === 1 && ready(states[0]!)),
      ACTION_TIMEOUT_MS,
      () => `${this} matched ${last.length} element(s); wanted exactly one, ${why}`,
    );
    const element = await this.driver.adapter.element(this.steps);
    if (!element) throw new Error(`${this} went away`);
    return element;
  }

  async click(): Promise<void> {
    await this.driver.adapter.click(await this.one((s) => s.visible && s.enabled, 'visible and enabled'));
  }
  async focus(): Promise<void> {
    await this.one();
    await this.driver.adapter.evaluate((steps: Step[]) => (__journey().one(steps) as HTMLElement).focus(), this.steps);
  }
  async fill(value: string): Promise<void> {
    await this.driver.adapter.fill(await this.one((s) => s.visible && s.enabled, 'visible and enabled'), value);
  }
  async press(key: string): Promise<void> {
    await this.focus();
    await this.driver.adapter.press(key);
  }
  async pressSequentially(text: string): Promise<void> {
    await this.focus();
    await this.driver.adapter.type(text);
  }
  async check(): Promise<void> {
    await this.setChecked(true);
  }
  async uncheck(): Promise<void> {
    await this.setChecked(false);
  }
  private async setChecked(checked: boolean): Promise<void> {
    await this.one((s) => s.visible && s.enabled, 'visible and enabled');
    if ((await this.states())[0]!.checked !== checked) await this.click();
    await poll(
      () => this.states(),
      (s) => s[0]?.checked === checked,
      ACTION_TIMEOUT_MS,
      () => `${this} did not become ${checked ? 'checked' : 'unchecked'}`,
    );
  }
  /** Picks an option by value or by its label, then fires input and change, as a reader's choice does. */
  async selectOption(option: string | { label: string }): Promise<void> {
    await this.one((s) => s.enabled, 'enabled');
    const wanted = typeof option === 'string' ? { value: option } : option;
    const picked = await this.driver.adapter.evaluate(
      ({ steps, wanted }: { steps: Step[]; wanted: { value?: string; label?: string } }) => {
        const select = __journey().one(steps) as HTMLSelectElement;
        const match = [...select.options].find((o) =>
          wanted.label !== undefined ? o.label === wanted.label : o.value === wanted.value || o.label === wanted.value,
        );
        if (!match) return false;
        select.focus();
        select.value = match.value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      { steps: this.steps, wanted },
    );
    if (!picked) throw new Error(`${this} has no option ${JSON.stringify(option)}`);
  }
  async scrollIntoViewIfNeeded(): Promise<void> {
    await this.one();
    await this.driver.adapter.evaluate(
      (steps: Step[]) => __journey().one(steps).scrollIntoView({ block: 'center', behavior: 'instant' }),
      this.steps,
    );
  }
  async inputValue(): Promise<string> {
    await this.one();
    return this.driver.adapter.evaluate((steps: Step[]) => (__journey().one(steps) as HTMLInputElement).value, this.steps);
  }
  async textContent(): Promise<string | null> {
    await this.one();
    return this.driver.adapter.evaluate((steps: Step[]) => __journey().one(steps).textContent, this.steps);
  }
  async allTextContents(): Promise<string[]> {
    return (await this.states()).map((s) => s.text);
  }
}

/** One tab, driven the same way in every engine. Journeys take one of these and a Site. */
export class Driver {
  readonly keyboard = {
    press: (key: string) => this.adapter.press(key),
    type: (text: string) => this.adapter.type(text),
  };

  readonly adapter: EngineAdapter;
  readonly site: Site;

  constructor(adapter: EngineAdapter, site: Site) {
    this.adapter = adapter;
    this.site = site;
  }

  get engine(): Engine {
    return this.adapter.engine;
  }
  /** Goes to a site path ('/frames/') or an absolute URL, and waits for the load event. */
  goto(path: string): Promise<void> {
    return this.adapter.goto(siteUrl(this.site, path));
  }
  url(): string {
    return this.adapter.url();
  }
  getByRole(role: string, options?: RoleOptions): Locator {
    return new Locator(this, []).getByRole(role, options);
  }
  getByLabel(text: string | RegExp, options?: TextOptions): Locator {
    return new Locator(this, []).getByLabel(text, options);
  }
  getByText(text: string | RegExp, options?: TextOptions): Locator {
    return new Locator(this, []).getByText(text, options);
  }
  locator(selector: string): Locator {
    return new Locator(this, []).locator(selector);
  }
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.adapter.evaluate(fn, arg as A);
  }
  /** Runs script source text in the page (the page's CSP does not apply to a driver's evaluation). */
  evaluateScript(source: string): Promise<unknown> {
    return this.adapter.evaluateScript(source);
  }
  /** The URLs of the WebSockets this page constructed so far. */
  sockets(): Promise<string[]> {
    return this.adapter.evaluate(() => [...__journey().sockets], undefined);
  }
  /** The paths of the resources this page fetched so far (Resource Timing). */
  resources(): Promise<string[]> {
    return this.adapter.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname), undefined);
  }
  /** Console errors and uncaught exceptions seen so far. */
  get errors(): string[] {
    return this.adapter.errors;
  }
  /** Every console line so far (console calls, the browser's own messages, uncaught exceptions), as its text. */
  get consoleLines(): string[] {
    return this.adapter.consoleLines;
  }
  /** Every request so far as "METHOD url", preflights included (Resource Timing has no methods and no preflights). */
  get requests(): string[] {
    return this.adapter.requests;
  }
  /** Polls `condition` until it returns true, or fails after `timeoutMs` with `what`. */
  async waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = ACTION_TIMEOUT_MS): Promise<void> {
    await poll(
      async () => condition(),
      Boolean,
      timeoutMs,
      () => what,
    );
  }
  /** Another tab in the same browser, on the same site. */
  async newTab(): Promise<Driver> {
    return new Driver(await this.adapter.newTab(), this.site);
  }
  close(): Promise<void> {
    return this.adapter.close();
  }
}
