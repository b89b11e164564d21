// `npm run build:variants`: the two extra builds the deploy tests serve (tests/e2e/deploy-*.spec.ts), each with
// its own BASE_PATH and PUBLIC_DEMO_URL, into dist-variants/; dist/ is left alone. The split build leaves one Chinese
// page out (OMIT_PAGES) for the fallback tests, and both write gzip copies only (PRECOMPRESS=gzip): their hosts, python
// and nginx, send no Brotli, and Brotli at quality 11 is most of a build's compression time. `npm test` runs it every time:
// a variant's demo port is picked at build time, so a stale build could name a port that is no longer free.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { manifestPath, VARIANTS_DIR, variantSettings, type DeployVariant } from '../tests/e2e/deploy-variants.ts';

/** A free loopback port below the ephemeral range (see DeployVariant), chosen at random so parallel checkouts differ. */
async function freeFixedPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (taken.has(port)) continue;
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      server.close();
      await once(server, 'close');
      taken.add(port);
      return port;
    }
  }
}

const names: DeployVariant['name'][] = ['split', 'tls'];
const taken = new Set<number>();
rmSync(VARIANTS_DIR, { recursive: true, force: true });
mkdirSync(VARIANTS_DIR, { recursive: true });
// One after the other: two Astro builds at once would share node_modules/.astro and .astro/.
for (const name of names) {
  const variant = variantSettings(name, await freeFixedPort(taken));
  const omitted = variant.omitted.length > 0 ? ` OMIT_PAGES=${variant.omitted.join(',')}` : '';
  console.log(`build:variants: ${name}: BASE_PATH=${variant.base} PUBLIC_DEMO_URL=${variant.demoUrl}${omitted} into ${variant.outDir}/`);
  const result = spawnSync('npx', ['astro', 'build'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BASE_PATH: variant.base,
      PUBLIC_DEMO_URL: variant.demoUrl,
      OUT_DIR: variant.outDir,
      OMIT_PAGES: variant.omitted.join(','),
      PRECOMPRESS: 'gzip',
    },
  });
  if (result.status !== 0) {
    console.error(`build:variants: the ${name} build failed.`);
    process.exit(1);
  }
  writeFileSync(manifestPath(name), `${JSON.stringify(variant, null, 2)}\n`);
}
