import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * OMIT_PAGES, comma-separated entry ids (`zh-cn/troubleshooting/http2-in-front`), leaves those pages out of a build: the split deploy
 * variant leaves one Chinese page out, so the tests of Starlight's fallback for an untranslated page have one to test
 * once every page is translated (scripts/build-deploy-variants.ts). Unset, as in every real build: every page.
 */
function docsWithout(omitted: string[]): Loader {
  const docs = docsLoader();
  if (omitted.length === 0) return docs;
  return {
    name: docs.name,
    async load(context) {
      await docs.load(context);
      for (const id of omitted) {
        if (!context.store.has(id)) throw new Error(`OMIT_PAGES names ${id}, which is not a page`);
        context.store.delete(id);
      }
    },
  };
}

export const collections = {
  docs: defineCollection({
    loader: docsWithout((process.env.OMIT_PAGES ?? '').split(',').filter(Boolean)),
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
