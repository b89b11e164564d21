// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { demoServerIntegration } from './server/dev-integration.ts';
import { precompressIntegration } from './server/precompress-integration.ts';
import { codeStylesheetIntegration } from './server/code-stylesheet-integration.ts';
import { noModulePreloadIntegration } from './server/no-modulepreload-integration.ts';
import { tableOfContentsIntegration } from './server/table-of-contents-integration.ts';
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
      title: { en: 'The WebSocket Workshop', 'zh-CN': 'WebSocket 工作坊' },
      description: 'Learn WebSocket (RFC 6455) from the wire up, with widgets that show the real bytes your browser sends.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/site.css'],
      // English at the root, Simplified Chinese under /zh-cn/. A page not yet translated falls back to the English
      // with Starlight's notice; `npm run i18n:status` lists which pages are translated and which are out of date.
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: [
        { label: 'Start here', translations: { 'zh-CN': '从这里开始' }, items: [{ slug: 'index' }, { slug: 'why-websocket' }] },
        {
          label: 'The protocol',
          translations: { 'zh-CN': '协议' },
          items: [{ slug: 'handshake' }, { slug: 'frames' }, { slug: 'closing' }, { slug: 'extensions' }],
        },
        {
          label: 'Using WebSocket',
          translations: { 'zh-CN': '使用 WebSocket' },
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
        {
          label: 'Language guides',
          translations: { 'zh-CN': '各语言指南' },
          items: [
            { slug: 'guides/node' },
            { slug: 'guides/go' },
            { slug: 'guides/python' },
            { slug: 'guides/ruby' },
            { slug: 'guides/java' },
          ],
        },
        { label: 'Troubleshooting', translations: { 'zh-CN': '故障排查' }, items: [{ autogenerate: { directory: 'troubleshooting' } }] },
        { label: 'Security', translations: { 'zh-CN': '安全' }, items: [{ autogenerate: { directory: 'security' } }] },
        { label: 'Comparisons', translations: { 'zh-CN': '对比' }, items: [{ autogenerate: { directory: 'comparisons' } }] },
        {
          label: 'Build your own server',
          translations: { 'zh-CN': '动手写一个服务器' },
          items: [{ autogenerate: { directory: 'workshop' } }],
        },
        {
          label: 'Tools',
          translations: { 'zh-CN': '工具' },
          items: [{ slug: 'conformance' }, { slug: 'debugging' }, { slug: 'load-testing' }],
        },
        { label: 'Reference', translations: { 'zh-CN': '参考' }, items: [{ slug: 'glossary' }] },
      ],
    }),
    mdx(),
    noModulePreloadIntegration(),
    tableOfContentsIntegration(),
    demoServerIntegration(),
    codeStylesheetIntegration(),
    // PRECOMPRESS=gzip: gzip copies only, for the deploy-variant builds (scripts/build-deploy-variants.ts).
    precompressIntegration(process.env.PRECOMPRESS === 'gzip' ? 'gzip' : 'brotli+gzip'),
    staticHeadersIntegration(),
  ],
});
