// The Firefox side of the driver layer: puppeteer-core over WebDriver BiDi driving Debian's firefox-esr.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import type { EngineAdapter } from './driver.ts';
import { installJourneyHelpers, type Step } from './in-page.ts';

/** FIREFOX_PATH first, then Debian's firefox-esr. */
export function firefoxPath(): string {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  for (const path of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (existsSync(path)) return path;
  throw new Error('No Firefox found: install firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH');
}

/**
 * Firefox calls home in the background (updates, telemetry, safe browsing, captive portal, remote settings). The
 * network here is closed, so each would be a stall or a log line: turn them off.
 */
const QUIET_PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'media.gmp-manager.url': '',
  'services.settings.server': 'http://127.0.0.1:9/',
  'security.OCSP.enabled': 0,
  'browser.ping-centre.telemetry': false,
};

/**
 * Launches Firefox with a fresh profile (puppeteer makes a temporary one) and accepts self-signed TLS. `extraPrefs`
 * (a spec's own, e.g. network.dns.localDomains) are set on top of the quiet ones.
 */
export function launchFirefox(extraPrefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...QUIET_PREFS, ...extraPrefs },
  });
}

class BidiAdapter implements EngineAdapter {
  readonly engine = 'firefox' as const;
  readonly errors: string[] = [];
  readonly consoleLines: string[] = [];
  readonly requests: string[] = [];

  readonly page: Page;
  readonly version: string;

  constructor(page: Page, version: string) {
    this.page = page;
    this.version = version;
    page.on('request', (request) => this.requests.push(`${request.method()} ${request.url()}`));
    page.on('console', (message) => {
      this.consoleLines.push(message.text());
      if (message.type() === 'error') this.errors.push(message.text());
    });
    // BiDi's log.entryAdded of type "javascript", which puppeteer reports as pageerror, carries uncaught exceptions
    // and also Firefox's own console messages ("Firefox can’t establish a connection to the server at …").
    page.on('pageerror', (error) => {
      const text = error instanceof Error ? error.message : String(error);
      this.consoleLines.push(text);
      this.errors.push(text);
    });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
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
  /**
   * Puppeteer scrolls only an element that is not fully in view, then clicks its centre without checking what is
   * there. An element in view but under a sticky bar (Starlight's mobile "On this page" bar, at Firefox's 800×600)
   * would take the click away from it, so such an element is scrolled to the middle first, as Playwright's
   * hit-target check ends up doing.
   *
   * Then it waits, as Playwright's "stable" check does, until the element's box stays put for two animation frames:
   * a scroll brings skipped content (content-visibility in src/styles/site.css) near the viewport, it is drawn at its
   * real height a frame later, and what is below it moves. Clicking in between once found the button moved out of
   * view ("Node is either not clickable") on a loaded CI machine.
   */
  async click(element: unknown): Promise<void> {
    const handle = element as ElementHandle;
    await handle.evaluate(async (target) => {
      const box = target.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      if (!hit || !(hit === target || target.contains(hit)))
        target.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let last = '';
      for (let frames = 0; frames < 60; frames++) {
        await frame();
        const { x, y, width, height } = target.getBoundingClientRect();
        const now = `${x},${y},${width},${height}`;
        if (now === last) break;
        last = now;
      }
      const settled = target.getBoundingClientRect();
      if (settled.bottom < 0 || settled.top > innerHeight)
        target.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    });
    await handle.click();
  }
  /** Selects the field's text and replaces it with one insertText edit: one trusted input event, like a paste. */
  async fill(element: unknown, value: string): Promise<void> {
    const handle = element as ElementHandle;
    await handle.focus();
    await handle.evaluate((field, value) => {
      (field as HTMLInputElement).select();
      if (value === '') document.execCommand('delete');
      else document.execCommand('insertText', false, value);
    }, value);
  }
  /** Chords like 'Shift+Tab' as key downs and ups; 'ControlOrMeta' is Control on Linux. */
  async press(key: string): Promise<void> {
    const parts = key.split(/\+(?=.)/).map((part) => (part === 'ControlOrMeta' ? 'Control' : part));
    const main = parts.pop()!;
    const keyName = (main === 'Space' ? ' ' : main) as Parameters<Page['keyboard']['press']>[0];
    for (const modifier of parts) await this.page.keyboard.down(modifier as Parameters<Page['keyboard']['down']>[0]);
    await this.page.keyboard.press(keyName);
    for (const modifier of parts.reverse()) await this.page.keyboard.up(modifier as Parameters<Page['keyboard']['up']>[0]);
  }
  type(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }
  async newTab(): Promise<EngineAdapter> {
    return openInContext(this.page.browserContext(), this.version);
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

async function openInContext(context: BrowserContext, version: string): Promise<EngineAdapter> {
  const page = await context.newPage();
  await page.evaluateOnNewDocument(installJourneyHelpers);
  return new BidiAdapter(page, version);
}

/** A fresh browser context (a BiDi user context) on `browser` with the journey helpers installed, and one tab in it. */
export async function openBidiTab(browser: Browser): Promise<{ adapter: EngineAdapter; context: BrowserContext }> {
  const context = await browser.createBrowserContext();
  const raw = await browser.version();
  const version = `Firefox ${raw.replace(/^firefox\//i, '')}`;
  return { adapter: await openInContext(context, version), context };
}
