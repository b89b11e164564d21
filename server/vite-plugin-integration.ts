// Wraps one Vite plugin as an Astro integration, so astro.config.mjs lists build changes in one place.
import type { AstroIntegration } from 'astro';

type VitePlugin = NonNullable<NonNullable<Parameters<typeof import('astro/config').defineConfig>[0]['vite']>['plugins']>[number];

/** The integration and its plugin share `name`, so Astro's and Vite's logs point to the same file. */
export function vitePluginIntegration(plugin: VitePlugin & { name: string }): AstroIntegration {
  return {
    name: plugin.name,
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [plugin] } });
      },
    },
  };
}
