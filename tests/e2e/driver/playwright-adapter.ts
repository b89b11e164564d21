// The Chromium side of the driver layer: Playwright's page primitives, nothing more.
import type { Browser, BrowserContext, ElementHandle, Page } from '@playwright/test';
import type { EngineAdapter } from './driver.ts';
import { installJourneyHelpers, type Step } from './in-page.ts';

class PlaywrightAdapter implements EngineAdapter {
  readonly engine = 'chromium' as const;
  readonly errors: string[] = [];
  readonly consoleLines: string[] = [];
  readonly requests: string[] = [];

  readonly page: Page;
  readonly version: string;

  constructor(page: Page, version: string) {
    this.page = page;
    this.version = version;
    // Chromium's own messages (a failed handshake, a CSP block) come as console messages of type error.
    page.on('request', (request) => this.requests.push(`${request.method()} ${request.url()}`));
    page.on('console', (message) => {
      this.consoleLines.push(message.text());
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.consoleLines.push(error.message);
      this.errors.push(error.message);
    });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }
  url(): string {
    return this.page.url();
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return (this.page.evaluate as (f: unknown, a: unknown) => Promise<R>).call(this.page, fn, arg);
  }
  evaluateScript(source: string): Promise<unknown> {
    return this.page.evaluate(source);
  }
  async element(steps: Step[]): Promise<ElementHandle | null> {
    const handle = await this.page.evaluateHandle(
      (steps: Step[]) =>
        (window as unknown as { __journey: () => { resolve(s: Step[]): Element[] } }).__journey().resolve(steps)[0] ?? null,
      steps,
    );
    return handle.asElement() as ElementHandle | null;
  }
  async click(element: unknown): Promise<void> {
    await (element as ElementHandle).click();
  }
  async fill(element: unknown, value: string): Promise<void> {
    await (element as ElementHandle).fill(value);
  }
  press(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }
  type(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }
  async newTab(): Promise<EngineAdapter> {
    return new PlaywrightAdapter(await this.page.context().newPage(), this.version);
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

/** A fresh context on `browser` with the journey helpers installed, and one tab in it. */
export async function openPlaywrightTab(browser: Browser): Promise<{ adapter: EngineAdapter; context: BrowserContext }> {
  // Self-signed TLS is accepted, as Firefox's launch does with acceptInsecureCerts: tests bring their own certificates.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await context.addInitScript(installJourneyHelpers);
  const adapter = new PlaywrightAdapter(await context.newPage(), `Chromium ${browser.version()}`);
  return { adapter, context };
}
