// The browser-support table's data must be what the script makes today from the installed browser-compat-data and engines.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BROWSER_SUPPORT_FILE, browserSupport } from '../../scripts/record-browser-support.ts';

describe(BROWSER_SUPPORT_FILE, () => {
  it('is up to date with @mdn/browser-compat-data and src/data/engines.json (run `npm run browser-support`)', () => {
    expect(JSON.parse(readFileSync(BROWSER_SUPPORT_FILE, 'utf8'))).toEqual(browserSupport());
  });

  it('dates its source', () => {
    const { bcd } = browserSupport();
    expect(bcd.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Date(bcd.timestamp).toString()).not.toBe('Invalid Date');
  });
});
