// Writes src/data/browser-support.json: which browsers ship WebTransport, WebSocketStream, RFC 8441 and RFC 9220, each cell from MDN's browser-compat-data (the npm package, its version and date kept), beside what this project's tests saw (src/data/engines.json).
// Run with `npm run browser-support` after updating @mdn/browser-compat-data; tests/unit/browser-support.test.ts fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const BROWSER_SUPPORT_FILE = 'src/data/browser-support.json';
const ENGINES_FILE = 'src/data/engines.json';

/** The browsers in the table, by browser-compat-data's ids. */
export const BROWSERS = [
  { id: 'chrome', name: 'Chrome' },
  { id: 'edge', name: 'Edge' },
  { id: 'firefox', name: 'Firefox' },
  { id: 'safari', name: 'Safari' },
] as const;

interface Feature {
  id: string;
  name: string;
  /** The standard, where browser-compat-data does not name one (it gives `spec_url` for entries it has). */
  spec: { label: string; href: string } | null;
  /** The browser-compat-data key, e.g. `api.WebTransport`; null where it has no entry. */
  bcdKey: string | null;
  /** The fact in src/data/engines.json that observed this feature here, if any. */
  engineFact: string | null;
}

export const FEATURES: Feature[] = [
  {
    id: 'webtransport',
    name: 'WebTransport',
    spec: null,
    bcdKey: 'api.WebTransport',
    engineFact: null,
  },
  {
    id: 'websocketstream',
    name: 'WebSocketStream',
    spec: null,
    bcdKey: 'api.WebSocketStream',
    engineFact: null,
  },
  {
    id: 'rfc-8441',
    name: 'WebSocket over HTTP/2 (RFC 8441)',
    spec: { label: 'RFC 8441', href: 'https://www.rfc-editor.org/rfc/rfc8441' },
    bcdKey: null,
    engineFact: 'rfc-8441',
  },
  {
    id: 'rfc-9220',
    name: 'WebSocket over HTTP/3 (RFC 9220)',
    spec: { label: 'RFC 9220', href: 'https://www.rfc-editor.org/rfc/rfc9220' },
    bcdKey: null,
    engineFact: null,
  },
];

export interface SupportCell {
  /** "97", "26.4", or null when browser-compat-data says it is not supported. */
  versionAdded: string | null;
  /** Set when support needs a flag or is partial; browser-compat-data's own words. */
  caveat: string | null;
}

export interface BrowserSupport {
  about: string;
  bcd: { version: string; timestamp: string; source: string };
  features: {
    id: string;
    name: string;
    /** Null where browser-compat-data names no standard (WebSocketStream is on no standards track). */
    spec: { label: string; href: string } | null;
    bcdKey: string | null;
    mdnUrl: string | null;
    /** Per browser id; null for the whole row when browser-compat-data has no entry for the feature. */
    support: Record<string, SupportCell> | null;
    /**
     * What this project's own tests saw, per engine ("chromium", "firefox"): the engine table's observation
     * (engines.json), or for an API the feature check that tests/e2e/examples-browser-api.spec.ts makes in each
     * engine (written from browser-compat-data, and that test fails if the engine disagrees); null if no test looks.
     */
    observed: Record<string, string> | null;
  }[];
  engines: Record<string, string>;
}

type Statement = {
  version_added: string | boolean | null;
  flags?: unknown[];
  partial_implementation?: boolean;
  prefix?: string;
  alternative_name?: string;
};
type Compat = { mdn_url?: string; spec_url?: string | string[]; support: Record<string, Statement | Statement[]> };

/** Reads the first (current) support statement browser-compat-data gives a browser. */
function cell(statement: Statement | Statement[] | undefined): SupportCell {
  const first = Array.isArray(statement) ? statement[0] : statement;
  if (!first || typeof first.version_added !== 'string') return { versionAdded: null, caveat: null };
  const caveats = [
    first.flags && 'behind a flag',
    first.partial_implementation && 'partial',
    first.prefix && `prefixed ${first.prefix}`,
  ].filter(Boolean);
  return { versionAdded: first.version_added.replace(/^≤/, '≤ '), caveat: caveats.length > 0 ? caveats.join(', ') : null };
}

/** The browser-compat-data browser each engine this project tests is the engine of. */
export const BCD_BROWSER_OF: Record<string, string> = { chromium: 'chrome', firefox: 'firefox' };

/** The constructor a feature check finds in an engine of this version, if browser-compat-data is right about it. */
export const FEATURE_CHECK = { present: 'feature check: the constructor exists', absent: 'feature check: no constructor' } as const;

function featureCheck(support: SupportCell, engineVersion: string): string {
  const major = Number(/ (\d+)\./.exec(engineVersion)![1]);
  return support.versionAdded !== null && major >= Number(support.versionAdded) ? FEATURE_CHECK.present : FEATURE_CHECK.absent;
}

/** browser-compat-data's first spec_url as a link, labelled with its host. */
function specOf(compat: Compat | null): { label: string; href: string } | null {
  const url = [compat?.spec_url ?? []].flat()[0];
  return url ? { label: new URL(url).host, href: url } : null;
}

export function browserSupport(): BrowserSupport {
  const require = createRequire(import.meta.url);
  const bcd = require('@mdn/browser-compat-data') as { __meta: { version: string; timestamp: string } } & Record<string, unknown>;
  const engines = JSON.parse(readFileSync(ENGINES_FILE, 'utf8')) as {
    engines: Record<string, { version: string; facts: Record<string, { wire: string }> }>;
  };
  const lookup = (key: string): Compat => key.split('.').reduce<any>((node, part) => node[part], bcd).__compat as Compat;
  return {
    about: 'Written by `npm run browser-support` (scripts/record-browser-support.ts); do not edit by hand.',
    bcd: { version: bcd.__meta.version, timestamp: bcd.__meta.timestamp, source: 'https://github.com/mdn/browser-compat-data' },
    features: FEATURES.map((feature) => {
      const compat = feature.bcdKey ? lookup(feature.bcdKey) : null;
      return {
        id: feature.id,
        name: feature.name,
        spec: feature.spec ?? specOf(compat),
        bcdKey: feature.bcdKey,
        mdnUrl: compat?.mdn_url ?? null,
        support: compat ? Object.fromEntries(BROWSERS.map((browser) => [browser.id, cell(compat.support[browser.id])])) : null,
        observed: feature.engineFact
          ? Object.fromEntries(Object.entries(engines.engines).map(([engine, record]) => [engine, record.facts[feature.engineFact!]!.wire]))
          : compat
            ? Object.fromEntries(
                Object.entries(engines.engines).map(([engine, record]) => [
                  engine,
                  featureCheck(cell(compat.support[BCD_BROWSER_OF[engine]!]), record.version),
                ]),
              )
            : null,
      };
    }),
    engines: Object.fromEntries(Object.entries(engines.engines).map(([engine, record]) => [engine, record.version])),
  };
}

if (import.meta.main) {
  writeFileSync(BROWSER_SUPPORT_FILE, `${JSON.stringify(browserSupport(), null, 2)}\n`);
  console.log(`Wrote ${BROWSER_SUPPORT_FILE}.`);
}
