// Throwaway TLS for tests: npm start serving HTTPS with a self-signed certificate made for the run. No test runner's API, so Vitest and Playwright tests can both use it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { selfSignedCertificate } from '../support/local-servers.ts';

export { selfSignedCertificate };

/** `npm start` serving HTTPS with HTTP/2 (TLS_CERT, TLS_KEY) on a free port, with a fresh certificate for localhost in `dir`. */
export async function startTlsSite(dir: string): Promise<{ authority: string; child: ChildProcess; cert: Buffer }> {
  const pem = selfSignedCertificate(dir, 'localhost');
  // Without VITEST, as a reader's shell has it.
  const { VITEST: _vitest, ...env } = process.env;
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1', TLS_CERT: pem.cert, TLS_KEY: pem.key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { authority: `localhost:${port}`, child, cert: readFileSync(pem.cert) };
}
