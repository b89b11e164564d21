// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { demoServerIntegration } from './server/dev-integration.ts';
import { precompressIntegration } from './server/precompress-integration.ts';

export default defineConfig({
  server: { port: 4321 },
  integrations: [
    starlight({
      title: 'The WebSocket Workshop',
      description: 'Learn WebSocket (RFC 6455) from the wire up, with widgets that show the real bytes your browser sends.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/site.css'],
      sidebar: [
        { label: 'Start here', items: [{ slug: 'index' }, { slug: 'why-websocket' }] },
        { label: 'The protocol', items: [{ slug: 'handshake' }, { slug: 'frames' }, { slug: 'closing' }] },
        {
          label: 'Using WebSocket',
          items: [{ slug: 'browser-api' }, { slug: 'writing-a-server' }, { slug: 'production' }, { slug: 'socket-io' }, { slug: 'myths' }],
        },
        { label: 'Troubleshooting', items: [{ autogenerate: { directory: 'troubleshooting' } }] },
        { label: 'Build your own server', items: [{ autogenerate: { directory: 'workshop' } }] },
      ],
    }),
    mdx(),
    demoServerIntegration(),
    precompressIntegration(),
  ],
});
