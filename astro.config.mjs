// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { demoServerIntegration } from './server/dev-integration.ts';
import { precompressIntegration } from './server/precompress-integration.ts';
import { staticHeadersIntegration } from './server/static-headers-integration.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { basePathFrom, baseLinksPlugin } from './server/base-path.ts';

/** BASE_PATH=/websocket-workshop/ builds the site for a host that publishes it under that path. */
const base = basePathFrom(process.env.BASE_PATH);

export default defineConfig({
  server: { port: 4321 },
  base,
  // OUT_DIR builds a variant (another base or PUBLIC_DEMO_URL) somewhere else, leaving dist/ alone.
  outDir: process.env.OUT_DIR || './dist',
  // The chapters' root-relative links (`/frames/`) go under the base; MDX uses the same processor.
  markdown: { processor: satteri({ hastPlugins: [baseLinksPlugin(base)] }) },
  integrations: [
    starlight({
      title: 'The WebSocket Workshop',
      description: 'Learn WebSocket (RFC 6455) from the wire up, with widgets that show the real bytes your browser sends.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/site.css'],
      sidebar: [
        { label: 'Start here', items: [{ slug: 'index' }, { slug: 'why-websocket' }] },
        { label: 'The protocol', items: [{ slug: 'handshake' }, { slug: 'frames' }, { slug: 'closing' }, { slug: 'extensions' }] },
        {
          label: 'Using WebSocket',
          items: [
            { slug: 'browser-api' },
            { slug: 'engines' },
            { slug: 'writing-a-server' },
            { slug: 'production' },
            { slug: 'scale' },
            { slug: 'socket-io' },
            { slug: 'myths' },
          ],
        },
        { label: 'Troubleshooting', items: [{ autogenerate: { directory: 'troubleshooting' } }] },
        { label: 'Security', items: [{ autogenerate: { directory: 'security' } }] },
        { label: 'Build your own server', items: [{ autogenerate: { directory: 'workshop' } }] },
        { label: 'Tools', items: [{ slug: 'conformance' }] },
      ],
    }),
    mdx(),
    demoServerIntegration(),
    precompressIntegration(),
    staticHeadersIntegration(),
  ],
});
