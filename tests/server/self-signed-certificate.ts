// Throwaway TLS for tests: a self-signed certificate made with openssl, and npm start serving HTTPS with it. No test runner's API, so Vitest and Playwright tests can both use it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A self-signed certificate for `hostname`, as PEM files in `dir`; the certificate doubles as its own CA. */
export function selfSignedCertificate(dir: string, hostname: string): { cert: string; key: string } {
  const cert = path.join(dir, 'fullchain.pem');
  const key = path.join(dir, 'privkey.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${hostname}`,
      '-addext',
      `subjectAltName=DNS:${hostname}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** Resolves every name to 127.0.0.1, so a client can use the example's real host name against a local proxy. */

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
