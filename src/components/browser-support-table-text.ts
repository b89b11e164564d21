// Every word the browser-support table shows, in each language the site speaks; the recorded versions stay as recorded.
import type { Locale } from '../lib/i18n/locale.ts';
import { ENGINE_TABLE_TEXT } from './engine-table-text.ts';

export interface BrowserSupportTableText {
  /** The caption: browser-compat-data's version and date (already formatted), and the engines this site tested. */
  caption: (figures: { bcdVersion: string; date: string; chromium: string; firefox: string }) => string;
  /** The data's date in this language, written by Intl (the timestamp is UTC). */
  date: (timestamp: string) => string;
  columns: { feature: string; seenHere: string; source: string };
  /** A feature's name by its id (src/data/browser-support.json); English keeps the name the data gives. */
  featureNames?: Record<string, string>;
  /** A browser's cell: the version that added the feature and its caveats ("behind a flag", "partial"…), or none. */
  supportedSince: (versionAdded: string, caveats: string | null) => string;
  notSupported: string;
  noData: string;
  notObserved: string;
  /** Between an engine's name and what it showed. */
  colon: string;
  /** What an engine showed here: the engine table's words for a recorded observation. */
  observation: (recorded: string) => string | undefined;
  noBcdEntry: string;
  /** Between "no entry" and the link to the engine table. */
  separator: string;
  engineTableLink: string;
}

const dateIn = (locale: string) => (timestamp: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(timestamp));

/** Chinese words for the caveats scripts/record-browser-support.ts writes ("behind a flag, partial", "prefixed webkit"). */
const zhCaveat = (caveat: string) =>
  caveat
    .split(', ')
    .map((each) => (each === 'behind a flag' ? '需开启实验标志' : each === 'partial' ? '部分实现' : each.replace(/^prefixed /, '带前缀 ')))
    .join('，');

export const BROWSER_SUPPORT_TABLE_TEXT: Record<Locale, BrowserSupportTableText> = {
  en: {
    caption: ({ bcdVersion, date, chromium, firefox }) =>
      `Which browsers ship it: MDN browser-compat-data ${bcdVersion} of ${date}, and what this site's tests saw in ${chromium} and ${firefox}`,
    date: dateIn('en-GB'),
    columns: { feature: 'Feature', seenHere: 'Seen here', source: 'Source' },
    supportedSince: (versionAdded, caveats) => `${versionAdded}${caveats ? ` (${caveats})` : ''}`,
    notSupported: 'No',
    noData: 'No data',
    notObserved: 'Not observed',
    colon: ': ',
    observation: ENGINE_TABLE_TEXT.en.observation,
    noBcdEntry: 'browser-compat-data has no entry',
    separator: '; ',
    engineTableLink: "this site's engine table",
  },
  'zh-CN': {
    caption: ({ bcdVersion, date, chromium, firefox }) =>
      `哪些浏览器支持它：MDN browser-compat-data ${bcdVersion}（${date}），以及本站测试在 ${chromium} 和 ${firefox} 中看到的情况`,
    date: dateIn('zh-CN'),
    columns: { feature: '特性', seenHere: '本站所见', source: '来源' },
    featureNames: {
      'rfc-8441': '基于 HTTP/2 的 WebSocket（RFC 8441）',
      'rfc-9220': '基于 HTTP/3 的 WebSocket（RFC 9220）',
    },
    supportedSince: (versionAdded, caveats) => `${versionAdded} 起${caveats ? `（${zhCaveat(caveats)}）` : ''}`,
    notSupported: '不支持',
    noData: '无数据',
    notObserved: '未观察',
    colon: '：',
    observation: ENGINE_TABLE_TEXT['zh-CN'].observation,
    noBcdEntry: 'browser-compat-data 没有这一条目',
    separator: '；',
    engineTableLink: '本站的引擎表',
  },
};
