// The languages the site speaks, and how a widget learns which one its page is in.

/** English at the site's root; Simplified Chinese under /zh-cn/. The values are the pages' `lang` attributes. */
export type Locale = 'en' | 'zh-CN';

/** The locale of a `lang` attribute: any Chinese tag is zh-CN, everything else English. */
export function localeOf(lang: string | null | undefined): Locale {
  return lang?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The language of the content around a widget, read in the browser from the nearest `lang` attribute. On a page not
 * translated yet, Starlight marks the English content `lang="en"` inside a zh-CN page, and the widget follows the
 * content, not the frame.
 */
export function contentLocale(element: Element): Locale {
  return localeOf(element.closest('[lang]')?.getAttribute('lang'));
}

/** A whole number with the locale's digit grouping: 65,535 in both languages, written by Intl. */
export function formatInteger(value: number, locale: Locale): string {
  return Math.round(value).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-US');
}
