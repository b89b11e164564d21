// The registry of frame opcodes (RFC 6455 §5.2, §11.8), as data that chapters render into tables.
import type { Locale } from '../i18n/locale.ts';
import { OPCODE_WORDS_ZH } from './protocol-text.ts';

/** Who may put a value on the wire: one endpoint, both, or neither. */
export type SentBy = 'client' | 'server' | 'both' | 'neither';

export interface OpcodeInfo {
  opcode: number;
  name: string;
  /** Data frames carry messages (§5.6); control frames carry connection state (§5.5). */
  kind: 'data' | 'control';
  meaning: string;
  sentBy: SentBy;
  /** False for reserved values: only a negotiated extension may give them a meaning (§5.8). */
  onWire: boolean;
  section: string;
}

/** Named opcodes for code that builds frames, e.g. `Opcode.Text`. */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

export type DefinedOpcode = (typeof Opcode)[keyof typeof Opcode];

function reserved(opcode: number, kind: 'data' | 'control'): OpcodeInfo {
  const range = kind === 'data' ? '0x3–0x7' : '0xB–0xF';
  return {
    opcode,
    name: `Reserved (${kind === 'data' ? 'non-control' : 'control'})`,
    kind,
    meaning: `Reserved for further ${kind === 'data' ? 'non-control' : 'control'} frames (${range}); receiving it without an extension that defines it fails the connection.`,
    sentBy: 'neither',
    onWire: false,
    section: '5.2',
  };
}

/** All sixteen opcodes in order, so `OPCODES[n]` describes opcode `n`. */
export const OPCODES: readonly OpcodeInfo[] = [
  {
    opcode: 0x0,
    name: 'Continuation',
    kind: 'data',
    meaning: 'Continues a fragmented message begun by a text or binary frame.',
    sentBy: 'both',
    onWire: true,
    section: '5.4',
  },
  {
    opcode: 0x1,
    name: 'Text',
    kind: 'data',
    meaning: 'The payload is text encoded as UTF-8.',
    sentBy: 'both',
    onWire: true,
    section: '5.6',
  },
  {
    opcode: 0x2,
    name: 'Binary',
    kind: 'data',
    meaning: 'The payload is binary data for the application to interpret.',
    sentBy: 'both',
    onWire: true,
    section: '5.6',
  },
  reserved(0x3, 'data'),
  reserved(0x4, 'data'),
  reserved(0x5, 'data'),
  reserved(0x6, 'data'),
  reserved(0x7, 'data'),
  {
    opcode: 0x8,
    name: 'Close',
    kind: 'control',
    meaning: 'Starts or answers the closing handshake, optionally with a status code and reason.',
    sentBy: 'both',
    onWire: true,
    section: '5.5.1',
  },
  {
    opcode: 0x9,
    name: 'Ping',
    kind: 'control',
    meaning: 'Asks the other endpoint to answer with a Pong carrying the same data.',
    sentBy: 'both',
    onWire: true,
    section: '5.5.2',
  },
  {
    opcode: 0xa,
    name: 'Pong',
    kind: 'control',
    meaning: 'Answers a Ping with its data, or serves as an unsolicited heartbeat.',
    sentBy: 'both',
    onWire: true,
    section: '5.5.3',
  },
  reserved(0xb, 'control'),
  reserved(0xc, 'control'),
  reserved(0xd, 'control'),
  reserved(0xe, 'control'),
  reserved(0xf, 'control'),
];

/**
 * What an opcode means, its name and meaning in `locale` (English by default); throws a `TypeError` for a value that
 * does not fit in 4 bits.
 */
export function opcodeInfo(opcode: number, locale: Locale = 'en'): OpcodeInfo {
  const info = OPCODES[opcode];
  if (info === undefined || !Number.isInteger(opcode)) {
    throw new TypeError(`An opcode is a 4-bit value from 0x0 to 0xF, and ${opcode} is not.`);
  }
  return localizeOpcode(info, locale);
}

/** The entry with its name and meaning in `locale`; English is the registry's own. */
export function localizeOpcode(info: OpcodeInfo, locale: Locale): OpcodeInfo {
  return locale === 'en' ? info : { ...info, ...OPCODE_WORDS_ZH[info.opcode]! };
}
