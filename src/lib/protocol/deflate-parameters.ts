// Explains the parameters of permessage-deflate (RFC 7692 §7.1) as a client offers them and as a server answers.
import type { ExtensionOffer } from './handshake-headers.ts';
import type { Locale } from '../i18n/locale.ts';
import { DEFLATE_PARAMETER_TEXT, type DeflateParameterText } from './deflate-parameters-text.ts';

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

/** Explains every parameter of one permessage-deflate offer or answer, in order, in the page's language. */
export function explainDeflateParameters(extension: ExtensionOffer, side: NegotiationSide, locale: Locale = 'en'): DeflateParameterNote[] {
  const text = DEFLATE_PARAMETER_TEXT[locale];
  return extension.params.map(({ name, value }) => {
    const explain = PARAMETERS[name];
    if (!explain) {
      return {
        name,
        value,
        meaning: text.notAParameter,
        section: 'RFC 7692 §7.1',
        problem: text.unknownParameter(JSON.stringify(name)),
      };
    }
    return { name, value, ...explain(value, side, text) };
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

type Explain = (value: string | null, side: NegotiationSide, text: DeflateParameterText) => Omit<DeflateParameterNote, 'name' | 'value'>;

const noValue =
  (section: string, words: (text: DeflateParameterText) => { offer: string; answer: string }): Explain =>
  (value, side, text) => ({
    meaning: side === 'offer' ? words(text).offer : words(text).answer,
    section,
    ...(value === null ? {} : { problem: text.takesNoValue(JSON.stringify(value), section) }),
  });

const PARAMETERS: Record<string, Explain> = {
  server_no_context_takeover: noValue('RFC 7692 §7.1.1.1', (text) => text.serverNoContextTakeover),
  client_no_context_takeover: noValue('RFC 7692 §7.1.1.2', (text) => text.clientNoContextTakeover),
  server_max_window_bits: (value, side, text) => ({
    meaning:
      side === 'offer'
        ? text.serverMaxWindowBits.offer(value ?? '?')
        : text.serverMaxWindowBits.answer(value ?? '?', windowBytes(value, text)),
    section: 'RFC 7692 §7.1.2.1',
    ...windowProblem(value, false, 'RFC 7692 §7.1.2.1', text),
  }),
  client_max_window_bits: (value, side, text) => ({
    meaning:
      side === 'offer'
        ? value === null
          ? text.clientMaxWindowBits.offerBare
          : text.clientMaxWindowBits.offer(value, windowBytes(value, text))
        : text.clientMaxWindowBits.answer(value ?? '?', windowBytes(value, text)),
    section: 'RFC 7692 §7.1.2.2',
    ...windowProblem(value, side === 'offer', 'RFC 7692 §7.1.2.2', text),
  }),
};

function windowBytes(value: string | null, text: DeflateParameterText): string {
  if (value === null || !WINDOW_BITS.test(value)) return text.noValidSize;
  const bytes = 2 ** Number(value);
  return bytes >= 1024 ? `${bytes / 1024} KiB` : text.bytes(bytes);
}

/** Window bits are a decimal 8–15 without leading zeros; only a client's client_max_window_bits may go without one. */
function windowProblem(value: string | null, mayBeEmpty: boolean, section: string, text: DeflateParameterText): { problem?: string } {
  if (value === null) return mayBeEmpty ? {} : { problem: text.needsValue(section) };
  if (WINDOW_BITS.test(value)) return {};
  return { problem: text.notAWindowSize(JSON.stringify(value), section) };
}
