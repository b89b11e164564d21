// Makes a throw-away TLS certificate with openssl, for tests that put TLS in front of the site (Vitest and Playwright alike).
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
