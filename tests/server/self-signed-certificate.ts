// Makes a throwaway self-signed TLS certificate with openssl; no test runner's API, so Vitest and Playwright tests can both use it.
import { execFileSync } from 'node:child_process';
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
