import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /**
         * On a translated page: the English page it was translated from and the SHA-256 of that file when the
         * translation last matched it. `npm run i18n:status` compares it with the English file today.
         */
        translation: z
          .object({
            source: z.string().regex(/^src\/content\/docs\/.+\.mdx?$/),
            sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .optional(),
      }),
    }),
  }),
};
