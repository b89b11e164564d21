// An Expressive Code plugin: a code block's copy button leaves out the lines marked as deleted, so what a reader pastes is the code after the change.
import { definePlugin, type ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { select } from '@astrojs/starlight/expressive-code/hast';

/**
 * The workshop's step pages show a change as one block: lines it adds marked as inserted, lines it drops marked as
 * deleted just before them (`workshop/site/StepFile.astro`). Expressive Code's copy button copies every line it
 * shows, so a reader who copied a change would paste the dropped lines back in. This plugin runs after the frames
 * plugin has rendered the button and rewrites the text the button copies.
 */
export function copyWithoutDeletedLines(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'copy-without-deleted-lines',
    hooks: {
      postprocessRenderedBlock({ codeBlock, renderData }) {
        const lines = codeBlock.getLines();
        const kept = lines.filter((line) => !line.getAnnotations().some(isDeletedMarker));
        if (kept.length === lines.length) return;
        const button = select('button[data-code]', renderData.blockAst);
        // The frames plugin writes line breaks as U+007F, which its own script turns back into newlines on copy.
        if (button) button.properties['dataCode'] = kept.map((line) => line.text).join('\u007f');
      },
    },
  });
}

/** The text-markers plugin's line annotation for `del`; its class is not exported, so it is recognised by its field. */
function isDeletedMarker(annotation: object): boolean {
  return 'markerType' in annotation && annotation.markerType === 'del';
}
