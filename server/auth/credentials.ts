// The demo's credentials: sign-in sessions, one-time tickets and bearer tokens, each random, expiring and capped in number.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { demoError, type DemoProtocolError } from '../demo-errors.ts';

export type CredentialKind = 'session' | 'ticket' | 'token';

export interface Credential {
  kind: CredentialKind;
  /** The client it was issued to (clientGroup: an IPv4 address or an IPv6 /64), for the per-client cap. */
  holder: string;
  /** Who the credential speaks for: the demo's made-up reader name, such as reader-3f2a. */
  user: string;
  expiresAt: number;
}

/**
 * One Map for all three kinds, keyed by the credential's value: 32 random bytes in base64url, so a value cannot be
 * guessed, and a lookup by value leaks nothing a comparison's timing could (the Map hashes the whole string).
 */
export class CredentialStore {
  readonly #held = new Map<string, Credential>();
  /** How many credentials each holder has, so one client cannot fill the store for everyone. */
  readonly #perHolder = new Map<string, number>();
  readonly #max: number;
  readonly #maxPerHolder: number;
  readonly #now: () => number;

  constructor(max: number, maxPerHolder: number, now: () => number = () => performance.now()) {
    this.#max = max;
    this.#maxPerHolder = maxPerHolder;
    this.#now = now;
  }

  /** A new credential for `user`, issued to `holder` and valid for `ttlMs`; or a refusal when a cap is reached even after dropping the expired. */
  issue(kind: CredentialKind, user: string, ttlMs: number, holder: string): string | DemoProtocolError {
    if (this.#held.size >= this.#max || this.#countOf(holder) >= this.#maxPerHolder) this.#sweep();
    if (this.#countOf(holder) >= this.#maxPerHolder) {
      return demoError(
        'DEMO_ERR_AUTH_TOO_MANY',
        `This client holds ${this.#maxPerHolder} sessions, tickets and tokens already (DEMO_AUTH_MAX_CREDENTIALS_PER_IP); use them, or wait until some expire.`,
      );
    }
    if (this.#held.size >= this.#max) {
      return demoError(
        'DEMO_ERR_AUTH_FULL',
        `The demo server holds ${this.#max} sessions, tickets and tokens already (DEMO_AUTH_MAX_CREDENTIALS); try again when some expire.`,
      );
    }
    const value = randomBytes(32).toString('base64url');
    this.#held.set(value, { kind, holder, user, expiresAt: this.#now() + ttlMs });
    this.#perHolder.set(holder, this.#countOf(holder) + 1);
    return value;
  }

  /** The credential of this kind and value, if it exists and has not expired. */
  check(kind: CredentialKind, value: string | undefined): Credential | undefined {
    if (value === undefined) return undefined;
    const found = this.#held.get(value);
    if (!found || found.kind !== kind) return undefined;
    if (found.expiresAt <= this.#now()) {
      this.#forget(value, found);
      return undefined;
    }
    return found;
  }

  /** Like check, and the credential is gone afterwards: a ticket opens one connection, never two. */
  take(kind: CredentialKind, value: string | undefined): Credential | undefined {
    const found = this.check(kind, value);
    if (found && value !== undefined) this.#forget(value, found);
    return found;
  }

  get size(): number {
    return this.#held.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [value, credential] of this.#held) if (credential.expiresAt <= now) this.#forget(value, credential);
  }

  #countOf(holder: string): number {
    return this.#perHolder.get(holder) ?? 0;
  }

  #forget(value: string, credential: Credential): void {
    this.#held.delete(value);
    const left = this.#countOf(credential.holder) - 1;
    if (left > 0) this.#perHolder.set(credential.holder, left);
    else this.#perHolder.delete(credential.holder);
  }
}

/** A made-up name for a new sign-in, so each reader sees whose session a connection speaks for. */
export function newReaderName(): string {
  return `reader-${randomBytes(2).toString('hex')}`;
}
