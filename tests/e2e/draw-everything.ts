// Long pages let the browser skip drawing most of their content until it is near the viewport (content-visibility in
// src/styles/site.css). Some checks need all of it drawn: axe, which cannot judge the colours of skipped text, and the
// checks that compare a page's layout with and without skipping.

/** Turns content-visibility off, so every element is drawn with no containment: the layout the page had before it. */
export const DRAW_EVERYTHING = '.sl-markdown-content > * { content-visibility: visible !important; }';

/** Runs in the page (pass it to `evaluate` with DRAW_EVERYTHING): adds a stylesheet. Works with JavaScript off too. */
export function appendStyle(css: string): void {
  document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
}
