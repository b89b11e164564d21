// How the browser tests launch Chromium: Debian's build unless CHROME_PATH says otherwise, kept off the network.
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** CHROME_PATH first, then Debian's Chromium, else Playwright's own browser if one is installed. */
function chromiumPath(): string | undefined {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const executablePath = chromiumPath();

export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  ...(executablePath ? { executablePath } : {}),
  // Without the background-networking flags Chromium keeps dialling out to a closed network.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
