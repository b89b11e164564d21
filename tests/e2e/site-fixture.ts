// A Playwright test whose baseURL is a real `npm start` process serving dist/ on port 0, one per worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { test as base } from '@playwright/test';

export interface RunningSite {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node server/start.ts` on Node 24 with PORT=0 and waits for the address it prints. */
export async function startSite(env: Record<string, string> = {}): Promise<RunningSite> {
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return {
    origin,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const test = base.extend<{}, { site: RunningSite }>({
  site: [
    async ({}, use) => {
      const site = await startSite();
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ site }, use) => use(site.origin),
});

export { expect } from '@playwright/test';
