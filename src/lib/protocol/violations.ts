// The catalogue of framing rules a peer can break, and the one helper that reports a broken rule.
import type { Locale } from '../i18n/locale.ts';
import type { ByteRange } from './frame.ts';
import { RECEIVER_POLICY_TEXT, VIOLATION_EXPLANATIONS_ZH, type ReceiverPolicyText } from './protocol-text.ts';

/**
 * Every rule the decoder checks, under a stable id. `closeCode` is the status an endpoint sends when
 * it fails the connection for this reason (§7.4.1): 1002 for protocol errors, 1007 for data that
 * does not match its type, 1009 for what is too big to handle. Some rules (minimal length encoding,
 * codes that must not be sent) bind only the sender in the RFC; failing the connection with 1002 on
 * receipt is this decoder's policy.
 */
export const VIOLATIONS = {
  'reserved-bit-set': {
    section: '5.2',
    closeCode: 1002,
    explanation: 'A reserved bit (RSV1, RSV2 or RSV3) is set, but no negotiated extension gives it a meaning.',
  },
  'compressed-bit-misplaced': {
    section: 'RFC 7692 §6.1',
    closeCode: 1002,
    explanation:
      'RSV1 is set on a control frame or a continuation frame; permessage-deflate marks a compressed message with RSV1 on its first frame only.',
  },
  'reserved-opcode': {
    section: '5.2',
    closeCode: 1002,
    explanation: 'The opcode is one of the reserved values 0x3–0x7 or 0xB–0xF, which no negotiated extension defines.',
  },
  'continuation-without-message': {
    section: '5.4',
    closeCode: 1002,
    explanation: 'A continuation frame (opcode 0x0) arrived while no fragmented message was in progress, so it has nothing to continue.',
  },
  'data-frame-inside-fragmented-message': {
    section: '5.4',
    closeCode: 1002,
    explanation:
      'A new text or binary frame arrived before the fragmented message in progress had its final fragment, and fragments of messages must not interleave.',
  },
  'fragmented-control-frame': {
    section: '5.5',
    closeCode: 1002,
    explanation: 'A control frame has its FIN bit clear, but control frames must not be fragmented.',
  },
  'control-frame-too-long': {
    section: '5.5',
    closeCode: 1002,
    explanation: 'A control frame has a payload longer than 125 bytes, the most a control frame may carry.',
  },
  'close-payload-one-byte': {
    section: '5.5.1',
    closeCode: 1002,
    explanation: 'A Close frame has a 1-byte payload, but a Close body must start with a 2-byte status code.',
  },
  'unmasked-client-frame': {
    section: '5.1',
    closeCode: 1002,
    explanation: 'A frame sent by the client is not masked, but a client must mask every frame it sends.',
  },
  'masked-server-frame': {
    section: '5.1',
    closeCode: 1002,
    explanation: 'A frame sent by the server is masked, but a server must not mask any frame it sends.',
  },
  'non-minimal-length': {
    section: '5.2',
    closeCode: 1002,
    explanation: 'The payload length is written with more bytes than it needs, but the minimal number of bytes must be used.',
  },
  'length-high-bit-set': {
    section: '5.2',
    closeCode: 1002,
    explanation: 'The most significant bit of the 64-bit payload length is set, but it must be 0.',
  },
  'message-too-big': {
    section: '10.4',
    closeCode: 1009,
    explanation: 'The message is longer than this endpoint is willing to handle.',
  },
  'close-code-not-used': {
    section: '7.4.2',
    closeCode: 1002,
    explanation: 'The Close frame carries a status code below 1000, a range that is not used.',
  },
  'close-code-reserved': {
    section: '7.4.1',
    closeCode: 1002,
    explanation: 'The Close frame carries status code 1004, which is reserved and has no meaning yet.',
  },
  'close-code-must-not-be-sent': {
    section: '7.4.1',
    closeCode: 1002,
    explanation: 'The Close frame carries status code 1005, 1006 or 1015, which must never be set in a Close frame.',
  },
  'close-code-unassigned': {
    section: '7.4.2',
    closeCode: 1002,
    explanation:
      'The Close frame carries a status code in 1016–2999, kept for future revisions of the protocol and for extensions, none of which assigns it.',
  },
  'close-code-out-of-range': {
    section: '7.4.2',
    closeCode: 1002,
    explanation: 'The Close frame carries a status code of 5000 or more, outside every range the protocol defines.',
  },
  'invalid-utf8-close-reason': {
    section: '5.5.1',
    closeCode: 1007,
    explanation: 'The reason in the Close frame is not valid UTF-8, and invalid UTF-8 must fail the connection (§8.1).',
  },
  'invalid-utf8-text': {
    section: '5.6',
    closeCode: 1007,
    explanation: 'The text message is not valid UTF-8, and invalid UTF-8 must fail the connection (§8.1).',
  },
} as const satisfies Record<string, { section: string; closeCode: 1002 | 1007 | 1009; explanation: string }>;

export type ViolationId = keyof typeof VIOLATIONS;

/**
 * The rules RFC 6455 states for the sender only: it says what must not be sent and nothing about what a receiver
 * does (§5.2 for lengths; §7.4.1, §7.4.2 for codes). Failing the connection on receipt is a policy, so readers are
 * told whose: this decoder's, and what ws, the demo server's library, does (checked in its receiver and validation).
 */
const RECEIVER_POLICIES: Partial<Record<ViolationId, keyof ReceiverPolicyText>> = {
  'non-minimal-length': 'nonMinimalLength',
  'close-code-not-used': 'closeCode',
  'close-code-reserved': 'closeCode',
  'close-code-must-not-be-sent': 'closeCode',
  'close-code-unassigned': 'closeCode',
  'close-code-out-of-range': 'closeCode',
};

/**
 * Whose rule it is that a receiver fails the connection for this violation, as a clause in `locale` (English by
 * default); `null` when RFC 6455 requires it.
 */
export function receiverPolicy(v: Pick<Violation, 'id' | 'closeCode'>, locale: Locale = 'en'): string | null {
  const policy = RECEIVER_POLICIES[v.id];
  return policy === undefined ? null : RECEIVER_POLICY_TEXT[locale][policy](v.closeCode);
}

/** One broken rule, located in the frame's bytes. */
export interface Violation {
  id: ViolationId;
  /** The section that states the rule: a bare number such as `5.2` is RFC 6455's; another RFC's reads `RFC 7692 §6.1`. */
  section: string;
  /** One sentence saying what is wrong. */
  explanation: string;
  /** The bytes that break the rule, counted from the start of the frame. */
  range: ByteRange;
  /** The status code an endpoint sends in its Close frame when it fails the connection for this reason. */
  closeCode: 1002 | 1007 | 1009;
}

/** Builds the report of a broken rule; every violation in this library is made here. */
export function violation(id: ViolationId, range: ByteRange): Violation {
  const rule = VIOLATIONS[id];
  return { id, section: rule.section, explanation: rule.explanation, range, closeCode: rule.closeCode };
}

/** The same violation with its explanation in `locale`; English is the catalogue's own. */
export function localizeViolation(v: Violation, locale: Locale): Violation {
  const explanation = locale === 'en' ? VIOLATIONS[v.id].explanation : VIOLATION_EXPLANATIONS_ZH[v.id];
  return explanation === v.explanation ? v : { ...v, explanation };
}
