// Explains the parameters of permessage-deflate (RFC 7692 §7.1) as a client offers them and as a server answers.
import type { ExtensionOffer } from './handshake-headers.ts';

export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** Who wrote the parameter: a client's offer in the request, or the server's answer in the 101 response. */
export type NegotiationSide = 'offer' | 'answer';

export interface DeflateParameterNote {
  name: string;
  /** As written; `null` for a parameter without "=". */
  value: string | null;
  /** What it means coming from this side, in one or two sentences. */
  meaning: string;
  /** The section that defines it, in the `RFC 7692 §7.1.1.1` form. */
  section: string;
  /** Set when the parameter breaks a rule of its section, and then says which. */
  problem?: string;
}

/** What both ends agreed, read from the server's answer (RFC 7692 §7.1). */
export interface DeflateAgreement {
  /** Whether each side keeps its LZ77 window across messages, so a message may refer to earlier ones (§7.1.1). */
  serverContextTakeover: boolean;
  clientContextTakeover: boolean;
  /** The base-2 logarithm of each side's largest window; 15 (32 KiB) when the answer sets no limit (§7.1.2). */
  serverMaxWindowBits: number;
  clientMaxWindowBits: number;
}

const WINDOW_BITS = /^(8|9|1[0-5])$/;

/** Explains every parameter of one permessage-deflate offer or answer, in order. */
export function explainDeflateParameters(extension: ExtensionOffer, side: NegotiationSide): DeflateParameterNote[] {
  return extension.params.map(({ name, value }) => {
    const explain = PARAMETERS[name];
    if (!explain) {
      return {
        name,
        value,
        meaning: 'Not a permessage-deflate parameter.',
        section: 'RFC 7692 §7.1',
        problem: `RFC 7692 defines no parameter ${JSON.stringify(name)}: a server declines an offer that has one, and a client fails the connection on an answer that has one (RFC 7692 §7.1).`,
      };
    }
    return { name, value, ...explain(value, side) };
  });
}

/** The agreement a server's answer states; parameters it leaves out mean context takeover and 15-bit windows (§7.1.1, §7.1.2). */
export function deflateAgreement(answer: ExtensionOffer): DeflateAgreement {
  const param = (name: string) => answer.params.find((p) => p.name === name);
  const bits = (name: string) => {
    const value = param(name)?.value;
    return value !== null && value !== undefined && WINDOW_BITS.test(value) ? Number(value) : 15;
  };
  return {
    serverContextTakeover: param('server_no_context_takeover') === undefined,
    clientContextTakeover: param('client_no_context_takeover') === undefined,
    serverMaxWindowBits: bits('server_max_window_bits'),
    clientMaxWindowBits: bits('client_max_window_bits'),
  };
}

type Explain = (value: string | null, side: NegotiationSide) => Omit<DeflateParameterNote, 'name' | 'value'>;

const noValue =
  (section: string, offer: string, answer: string): Explain =>
  (value, side) => ({
    meaning: side === 'offer' ? offer : answer,
    section,
    ...(value === null ? {} : { problem: `This parameter takes no value, but it has ${JSON.stringify(value)} (${section}).` }),
  });

const PARAMETERS: Record<string, Explain> = {
  server_no_context_takeover: noValue(
    'RFC 7692 §7.1.1.1',
    `The client asks the server to start every message with an empty LZ77 window, so that none of the server's messages refers back to an earlier one. That costs compression; it saves the client nothing.`,
    "The server will reset its compressor after every message, so each message it sends inflates on its own and the client need not remember the server's earlier messages.",
  ),
  client_no_context_takeover: noValue(
    'RFC 7692 §7.1.1.2',
    `The client tells the server that it will not use context takeover: it compresses each message from an empty window, so the server may forget the client's previous messages.`,
    `The server requires the client to start every message with an empty window, so the server can drop its inflate window between the client's messages.`,
  ),
  server_max_window_bits: (value, side) => ({
    meaning:
      side === 'offer'
        ? `The client asks the server to use an LZ77 window of at most 2^${value ?? '?'} bytes, which bounds the memory the client needs to inflate the server's messages.`
        : `The server will compress with a window of at most 2^${value ?? '?'} bytes (${windowBytes(value)}).`,
    section: 'RFC 7692 §7.1.2.1',
    ...windowProblem(value, false, 'RFC 7692 §7.1.2.1'),
  }),
  client_max_window_bits: (value, side) => ({
    meaning:
      side === 'offer'
        ? value === null
          ? 'The client says it can limit its LZ77 window if the server asks; without this, the server must not ask.'
          : `The client says it will use a window of at most 2^${value} bytes (${windowBytes(value)}).`
        : `The server asks the client to compress with a window of at most 2^${value ?? '?'} bytes (${windowBytes(value)}), which bounds the memory the server needs to inflate the client's messages.`,
    section: 'RFC 7692 §7.1.2.2',
    ...windowProblem(value, side === 'offer', 'RFC 7692 §7.1.2.2'),
  }),
};

function windowBytes(value: string | null): string {
  if (value === null || !WINDOW_BITS.test(value)) return 'no valid size';
  const bytes = 2 ** Number(value);
  return bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Window bits are a decimal 8–15 without leading zeros; only a client's client_max_window_bits may go without one. */
function windowProblem(value: string | null, mayBeEmpty: boolean, section: string): { problem?: string } {
  if (value === null) return mayBeEmpty ? {} : { problem: `This parameter needs a value from 8 to 15 (${section}).` };
  if (WINDOW_BITS.test(value)) return {};
  return {
    problem: `${JSON.stringify(value)} is not a window size: the value is a decimal number from 8 to 15 without leading zeros (${section}).`,
  };
}
