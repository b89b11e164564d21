// Expressive Code's settings for every code block, found here by Starlight (https://starlight.astro.build/reference/configuration/#expressivecode).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { copyWithoutDeletedLines } from './src/lib/copy-without-deleted-lines.ts';
import { focusableWideCode } from './src/lib/focusable-wide-code.ts';

export default defineEcConfig({
  plugins: [copyWithoutDeletedLines(), focusableWideCode()],
  // Expressive Code shields its blocks from site styles with `all: revert` on every element inside them. On a long page
  // that selector is most of the cost of each full restyle (bench/README.md). Starlight's content styles already leave
  // code blocks alone: screenshots of 428 code blocks, light and dark, were identical with and without the reset.
  useStyleReset: false,
  shiki: {
    // Shiki stops colouring a line after 500 ms by default. On a loaded machine that cut some lines short, so two
    // builds of the same sources coloured the same code differently and the page sweep's fingerprints differed.
    // No limit: every build colours every line alike.
    transformers: [
      {
        name: 'no-tokenize-time-limit',
        preprocess(_code, options) {
          options.tokenizeTimeLimit = 0;
        },
      },
    ],
  },
});
