// The registry of Close status codes (RFC 6455 §7.4 and the IANA WebSocket Close Code registry), as data.
import type { Locale } from '../i18n/locale.ts';
import type { SentBy } from './opcodes.ts';
import { CLOSE_CODE_WORDS_ZH } from './protocol-text.ts';

/** How a code is classified; the decoder turns each unsendable kind into its own violation. */
export type CloseCodeKind =
  'defined' | 'registered' | 'reserved' | 'must-not-be-sent' | 'not-used' | 'unassigned' | 'library' | 'private' | 'out-of-range';

export interface CloseCodeInfo {
  /** First code this entry covers. */
  from: number;
  /** Last code this entry covers; equal to `from` for a single code. */
  to: number;
  name: string;
  meaning: string;
  kind: CloseCodeKind;
  sentBy: SentBy;
  /** Whether the code may appear in a Close frame on the wire. */
  onWire: boolean;
  /** The RFC 6455 section, or "IANA registry" for codes registered after the RFC. */
  section: string;
}

/** Named codes for code that closes connections, e.g. `CloseCode.GoingAway`. */
export const CloseCode = {
  NormalClosure: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  NoStatusReceived: 1005,
  AbnormalClosure: 1006,
  InvalidPayloadData: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
  BadGateway: 1014,
  TlsHandshake: 1015,
} as const;

function single(code: number, name: string, kind: CloseCodeKind, sentBy: SentBy, meaning: string, section = '7.4.1'): CloseCodeInfo {
  const onWire = kind === 'defined' || kind === 'registered';
  return { from: code, to: code, name, meaning, kind, sentBy, onWire, section };
}

/** Every 16-bit status code falls in exactly one entry, in ascending order. */
export const CLOSE_CODES: readonly CloseCodeInfo[] = [
  {
    from: 0,
    to: 999,
    name: 'Not used',
    meaning: 'Status codes in the range 0–999 are not used.',
    kind: 'not-used',
    sentBy: 'neither',
    onWire: false,
    section: '7.4.2',
  },
  single(1000, 'Normal Closure', 'defined', 'both', 'The purpose for which the connection was established has been fulfilled.'),
  single(
    1001,
    'Going Away',
    'defined',
    'both',
    'An endpoint is going away, such as a server going down or a browser navigating away from a page.',
  ),
  single(1002, 'Protocol Error', 'defined', 'both', 'An endpoint is terminating the connection due to a protocol error.'),
  single(
    1003,
    'Unsupported Data',
    'defined',
    'both',
    'An endpoint received a type of data it cannot accept, e.g. binary data when it understands only text.',
  ),
  single(1004, 'Reserved', 'reserved', 'neither', 'Reserved; the specific meaning might be defined in the future.'),
  single(
    1005,
    'No Status Received',
    'must-not-be-sent',
    'neither',
    'Used by applications to say that a Close frame had no status code; it must not be set in a Close frame.',
  ),
  single(
    1006,
    'Abnormal Closure',
    'must-not-be-sent',
    'neither',
    'Used by applications to say that the connection closed without a Close frame; it must not be set in a Close frame.',
  ),
  single(
    1007,
    'Invalid Payload Data',
    'defined',
    'both',
    'An endpoint received data inconsistent with the type of the message, e.g. non-UTF-8 data in a text message.',
  ),
  single(
    1008,
    'Policy Violation',
    'defined',
    'both',
    'An endpoint received a message that violates its policy; the generic code when no other fits.',
  ),
  single(1009, 'Message Too Big', 'defined', 'both', 'An endpoint received a message too big for it to process.'),
  single(
    1010,
    'Mandatory Extension',
    'defined',
    'client',
    'The client expected the server to negotiate extensions that the server did not return; a server fails the handshake instead.',
  ),
  single(
    1011,
    'Internal Error',
    'defined',
    'server',
    'The server met an unexpected condition that prevented it from fulfilling the request.',
  ),
  single(1012, 'Service Restart', 'registered', 'server', 'The service is restarting; a client may reconnect.', 'IANA registry'),
  single(
    1013,
    'Try Again Later',
    'registered',
    'server',
    'The service is overloaded or temporarily unavailable; a client may try again later.',
    'IANA registry',
  ),
  single(
    1014,
    'Bad Gateway',
    'registered',
    'server',
    'A server acting as a gateway or proxy received an invalid response from the upstream server.',
    'IANA registry',
  ),
  single(
    1015,
    'TLS Handshake',
    'must-not-be-sent',
    'neither',
    'Used by applications to say that the TLS handshake failed; it must not be set in a Close frame.',
  ),
  {
    from: 1016,
    to: 2999,
    name: 'Unassigned: reserved for revisions and extensions',
    meaning:
      'Reserved for future revisions of the protocol and for extensions with a public specification, which may define and send them; none is assigned yet.',
    kind: 'unassigned',
    sentBy: 'neither',
    onWire: false,
    section: '7.4.2',
  },
  {
    from: 3000,
    to: 3999,
    name: 'Libraries and frameworks',
    meaning: 'For libraries, frameworks and applications; registered directly with IANA. The protocol does not define their meaning.',
    kind: 'library',
    sentBy: 'both',
    onWire: true,
    section: '7.4.2',
  },
  {
    from: 4000,
    to: 4999,
    name: 'Private use',
    meaning: 'For private use by prior agreement between applications; cannot be registered.',
    kind: 'private',
    sentBy: 'both',
    onWire: true,
    section: '7.4.2',
  },
  {
    from: 5000,
    to: 65535,
    name: 'Undefined',
    meaning: 'Outside every range in §7.4.2, which ends at 4999; no meaning is defined, and decoders such as ws refuse them.',
    kind: 'out-of-range',
    sentBy: 'neither',
    onWire: false,
    section: '7.4.2',
  },
];

/**
 * The entry that covers a status code, its name and meaning in `locale` (English by default); throws a `TypeError`
 * for a value that is not a 16-bit integer.
 */
export function closeCodeInfo(code: number, locale: Locale = 'en'): CloseCodeInfo {
  const info = CLOSE_CODES.find((entry) => entry.from <= code && code <= entry.to);
  if (info === undefined || !Number.isInteger(code)) {
    throw new TypeError(`A status code is a 16-bit unsigned integer from 0 to 65535, and ${code} is not.`);
  }
  return localizeCloseCode(info, locale);
}

/** The entry with its name and meaning in `locale`; English is the registry's own. */
export function localizeCloseCode(info: CloseCodeInfo, locale: Locale): CloseCodeInfo {
  return locale === 'en' ? info : { ...info, ...CLOSE_CODE_WORDS_ZH[info.from]! };
}

/** Whether a status code may be sent in a Close frame (§7.4.1, §7.4.2). */
export function isSendableCloseCode(code: number): boolean {
  return Number.isInteger(code) && code >= 0 && code <= 65535 && closeCodeInfo(code).onWire;
}
