// The sequence diagrams the chapters draw, and every word they show, in each language the site speaks: the steps of a
// diagram are kept here once, beside their translation, so the English and the Chinese page cannot drift apart.
import type { Locale } from '../lib/i18n/locale.ts';

export interface SequenceStep {
  /** Who sends this step. */
  from: 'client' | 'server';
  /** What travels, in a few words, e.g. "Close 1000". */
  label: string;
  /** A second, quieter line, e.g. the RFC section. */
  detail?: string;
}

export interface Sequence {
  /** Says what the diagram shows; also its accessible name. */
  caption: string;
  steps: SequenceStep[];
}

/** The words around every diagram's steps: the two parties, and how the description reads a step out. */
export interface SequenceDiagramText {
  client: string;
  server: string;
  /** One step of the SVG's <desc>, numbered from 1. */
  describeStep: (number: number, step: SequenceStep) => string;
  /** Between two described steps. */
  stepSeparator: string;
}

export const SEQUENCE_DIAGRAM_TEXT: Record<Locale, SequenceDiagramText> = {
  en: {
    client: 'Client',
    server: 'Server',
    describeStep: (number, step) =>
      `${number}. ${step.from === 'client' ? 'Client to server' : 'Server to client'}: ${step.label}${step.detail ? ` (${step.detail})` : ''}.`,
    stepSeparator: ' ',
  },
  'zh-CN': {
    client: '客户端',
    server: '服务器',
    describeStep: (number, step) =>
      `${number}. ${step.from === 'client' ? '客户端发往服务器' : '服务器发往客户端'}：${step.label}${step.detail ? `（${step.detail}）` : ''}。`,
    stepSeparator: '',
  },
};

/** Every diagram a page draws, by name, in each language. Code on the wire (GET, 101, Close 1000) stays as it is. */
export const SEQUENCES = {
  'opening-handshake': {
    en: {
      caption: 'The opening handshake: one HTTP request, one HTTP response, then frames in both directions.',
      steps: [
        { from: 'client', label: 'GET /ws/echo  Upgrade: websocket', detail: 'with Sec-WebSocket-Key (§4.1)' },
        { from: 'server', label: '101 Switching Protocols', detail: 'with Sec-WebSocket-Accept (§4.2.2)' },
        { from: 'client', label: 'masked frames', detail: 'every client frame is masked (§5.1)' },
        { from: 'server', label: 'unmasked frames', detail: 'no server frame is masked (§5.1)' },
      ],
    },
    'zh-CN': {
      caption: '握手：一个 HTTP 请求，一个 HTTP 响应，然后双向传输帧。',
      steps: [
        { from: 'client', label: 'GET /ws/echo  Upgrade: websocket', detail: '带 Sec-WebSocket-Key（§4.1）' },
        { from: 'server', label: '101 Switching Protocols', detail: '带 Sec-WebSocket-Accept（§4.2.2）' },
        { from: 'client', label: '加掩码的帧', detail: '客户端的每一帧都加掩码（masking，§5.1）' },
        { from: 'server', label: '不加掩码的帧', detail: '服务器的帧一律不加掩码（§5.1）' },
      ],
    },
  },
  'closing-handshake': {
    en: {
      caption: 'The closing handshake, started by the client.',
      steps: [
        { from: 'client', label: 'Close 1000 "done"', detail: 'starts the closing handshake (§7.1.2)' },
        { from: 'server', label: 'Close 1000 "done"', detail: 'must answer with a Close, typically echoing the code (§5.5.1)' },
        { from: 'server', label: 'TCP FIN', detail: 'the server closes the TCP connection first (§7.1.1)' },
      ],
    },
    'zh-CN': {
      caption: '由客户端发起的关闭握手。',
      steps: [
        { from: 'client', label: 'Close 1000 "done"', detail: '发起关闭握手（§7.1.2）' },
        { from: 'server', label: 'Close 1000 "done"', detail: '必须回一个 Close，通常带回同一个关闭码（§5.5.1）' },
        { from: 'server', label: 'TCP FIN', detail: '服务器先关闭 TCP 连接（§7.1.1）' },
      ],
    },
  },
} as const satisfies Record<string, Record<Locale, Sequence>>;

export type SequenceName = keyof typeof SEQUENCES;

/** The SVG's <desc>: every step read out in order, in the page's language. */
export function describeSequence(sequence: Sequence, locale: Locale): string {
  const text = SEQUENCE_DIAGRAM_TEXT[locale];
  return sequence.steps.map((step, index) => text.describeStep(index + 1, step)).join(text.stepSeparator);
}
