// Expressive Code's settings for every code block, found here by Starlight (https://starlight.astro.build/reference/configuration/#expressivecode).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { copyWithoutDeletedLines } from './src/lib/copy-without-deleted-lines.ts';

export default defineEcConfig({
  plugins: [copyWithoutDeletedLines()],
});
