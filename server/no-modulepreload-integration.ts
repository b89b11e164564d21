// An Astro integration that turns off Vite's module preloading for the browser's scripts.
import type { AstroIntegration } from 'astro';
import { vitePluginIntegration } from './vite-plugin-integration.ts';

/**
 * When a script imports a module on demand (Starlight's search loading Pagefind, a widget loading its chunk), Vite's
 * helper first appends a `<link rel="modulepreload">` to <head>. Chromium restyles and lays out the whole page for
 * every such link, which on the longest pages cost tens of milliseconds per import (bench/README.md). Our on-demand
 * modules have no further chunks worth fetching early, so the links buy nothing.
 *
 * `vite.build.modulePreload: false` in astro.config.mjs has no effect: Astro sets the client build's options itself.
 * A plugin's `configEnvironment` hook runs after that, for the `client` environment alone.
 */
export function noModulePreloadIntegration(): AstroIntegration {
  return vitePluginIntegration({
    name: 'websocket-workshop:no-modulepreload',
    configEnvironment(name) {
      return name === 'client' ? { build: { modulePreload: false } } : null;
    },
  });
}
