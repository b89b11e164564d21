// The demo's credentials: sign-in sessions, one-time tickets and bearer tokens, each random, expiring and capped in number.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { demoError, type DemoProtocolError } from '../demo-errors.ts';

export type CredentialKind = 'session' | 'ticket' | 'token';

export interface Credential {
  kind: CredentialKind;
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
  readonly #max: number;
  readonly #now: () => number;

  constructor(max: number, now: () => number = () => performance.now()) {
    this.#max = max;
    this.#now = now;
  }

  /** A new credential for `user`, valid for `ttlMs`; or a refusal when the store is full even after dropping the expired. */
  issue(kind: CredentialKind, user: string, ttlMs: number): string | DemoProtocolError {
    if (this.#held.size >= this.#max) this.#sweep();
    if (this.#held.size >= this.#max) {
      return demoError(
        'DEMO_ERR_AUTH_FULL',
        `The demo server holds ${this.#max} sessions, tickets and tokens already (DEMO_AUTH_MAX_CREDENTIALS); try again when some expire.`,
      );
    }
    const value = randomBytes(32).toString('base64url');
    this.#held.set(value, { kind, user, expiresAt: this.#now() + ttlMs });
    return value;
  }

  /** The credential of this kind and value, if it exists and has not expired. */
  check(kind: CredentialKind, value: string | undefined): Credential | undefined {
    if (value === undefined) return undefined;
    const found = this.#held.get(value);
    if (!found || found.kind !== kind) return undefined;
    if (found.expiresAt <= this.#now()) {
      this.#held.delete(value);
      return undefined;
    }
    return found;
  }

  /** Like check, and the credential is gone afterwards: a ticket opens one connection, never two. */
  take(kind: CredentialKind, value: string | undefined): Credential | undefined {
    const found = this.check(kind, value);
    if (found && value !== undefined) this.#held.delete(value);
    return found;
  }

  get size(): number {
    return this.#held.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [value, credential] of this.#held) if (credential.expiresAt <= now) this.#held.delete(value);
  }
}

/** A made-up name for a new sign-in, so each reader sees whose session a connection speaks for. */
export function newReaderName(): string {
  return `reader-${randomBytes(2).toString('hex')}`;
}
