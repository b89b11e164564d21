// An Expressive Code plugin: a code block with a line too long for the narrowest screen is focusable from the start, so the keyboard can scroll it even before Expressive Code's script has measured it.
import { definePlugin, type ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { select } from '@astrojs/starlight/expressive-code/hast';

/**
 * How many columns of code fit on one line at the narrowest width the site supports (320 px): 223 px of text in the
 * block (its box less its padding and the room kept for the copy button) at 8.4 px per character. A block whose
 * longest line fits can never scroll sideways. `tests/e2e/code-blocks.spec.ts` checks this at 320 px.
 */
export const NARROWEST_CODE_COLUMNS = 26;

/**
 * Expressive Code makes a block that scrolls sideways focusable (`tabindex="0"`, `role="region"`) once a
 * ResizeObserver reports it wider than its box, and takes both away again from a block that fits. Until then, and
 * for as long as the browser skips drawing the block (`content-visibility: auto` in `src/styles/site.css`), the
 * keyboard could not reach it. This plugin writes `tabindex="0"` into every block that could scroll, so Tab reaches
 * it from the start; Expressive Code's own check still takes it away from a block that fits its column.
 *
 * It writes no `role="region"`. Until Expressive Code's check has run, every such block would be an unnamed region,
 * and a page with two of them breaks axe's landmark-unique rule (a loaded CI machine ran axe in that window). A
 * name cannot fix it: the check removes `role` and `tabindex` from a block that fits but would leave an
 * `aria-label` behind, which a plain `pre` may not carry. A focusable `pre` is announced by its text. With the tab
 * stop already there, Expressive Code's check leaves a block that scrolls as it is.
 */
export function focusableWideCode(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'focusable-wide-code',
    hooks: {
      postprocessRenderedBlock({ codeBlock, renderData }) {
        const widest = Math.max(...codeBlock.getLines().map((line) => columns(line.text)));
        if (widest <= NARROWEST_CODE_COLUMNS) return;
        const pre = select('pre', renderData.blockAst);
        if (!pre) return;
        pre.properties['tabIndex'] = 0;
      },
    },
  });
}

/** Characters a monospace font draws two columns wide: CJK and full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a line takes in a monospace font: tabs stop every 2 columns (Starlight's `tab-size`), and CJK and full-width characters take two. */
export function columns(text: string): number {
  let width = 0;
  for (const character of text) {
    if (character === '\t') width += 2 - (width % 2);
    else width += WIDE.test(character) ? 2 : 1;
  }
  return width;
}
