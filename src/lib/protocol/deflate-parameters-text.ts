// What each permessage-deflate parameter means (RFC 7692 §7.1), in each language the site speaks.
import type { Locale } from '../i18n/locale.ts';

/** The words of deflate-parameters.ts; the values arrive as written, the window's size already worded. */
export interface DeflateParameterText {
  notAParameter: string;
  unknownParameter: (quotedName: string) => string;
  takesNoValue: (quotedValue: string, section: string) => string;
  needsValue: (section: string) => string;
  notAWindowSize: (quotedValue: string, section: string) => string;
  noValidSize: string;
  bytes: (count: number) => string;
  serverNoContextTakeover: { offer: string; answer: string };
  clientNoContextTakeover: { offer: string; answer: string };
  serverMaxWindowBits: { offer: (bits: string) => string; answer: (bits: string, size: string) => string };
  clientMaxWindowBits: { offerBare: string; offer: (bits: string, size: string) => string; answer: (bits: string, size: string) => string };
}

export const DEFLATE_PARAMETER_TEXT: Record<Locale, DeflateParameterText> = {
  en: {
    notAParameter: 'Not a permessage-deflate parameter.',
    unknownParameter: (name) =>
      `RFC 7692 defines no parameter ${name}: a server declines an offer that has one, and a client fails the connection on an answer that has one (RFC 7692 §7.1).`,
    takesNoValue: (value, section) => `This parameter takes no value, but it has ${value} (${section}).`,
    needsValue: (section) => `This parameter needs a value from 8 to 15 (${section}).`,
    notAWindowSize: (value, section) =>
      `${value} is not a window size: the value is a decimal number from 8 to 15 without leading zeros (${section}).`,
    noValidSize: 'no valid size',
    bytes: (count) => `${count} bytes`,
    serverNoContextTakeover: {
      offer: `The client asks the server to start every message with an empty LZ77 window, so that none of the server's messages refers back to an earlier one. That costs compression; it saves the client nothing.`,
      answer:
        "The server will reset its compressor after every message, so each message it sends inflates on its own and the client need not remember the server's earlier messages.",
    },
    clientNoContextTakeover: {
      offer: `The client tells the server that it will not use context takeover: it compresses each message from an empty window, so the server may forget the client's previous messages.`,
      answer: `The server requires the client to start every message with an empty window, so the server can drop its inflate window between the client's messages.`,
    },
    serverMaxWindowBits: {
      offer: (bits) =>
        `The client asks the server to use an LZ77 window of at most 2^${bits} bytes, which bounds the memory the client needs to inflate the server's messages.`,
      answer: (bits, size) => `The server will compress with a window of at most 2^${bits} bytes (${size}).`,
    },
    clientMaxWindowBits: {
      offerBare: 'The client says it can limit its LZ77 window if the server asks; without this, the server must not ask.',
      offer: (bits, size) => `The client says it will use a window of at most 2^${bits} bytes (${size}).`,
      answer: (bits, size) =>
        `The server asks the client to compress with a window of at most 2^${bits} bytes (${size}), which bounds the memory the server needs to inflate the client's messages.`,
    },
  },
  'zh-CN': {
    notAParameter: '这不是 permessage-deflate 的参数。',
    unknownParameter: (name) =>
      `RFC 7692 没有定义参数 ${name}：服务器会拒绝带有它的提议，客户端收到带有它的应答则会使连接失败（RFC 7692 §7.1）。`,
    takesNoValue: (value, section) => `这个参数不带值，这里却写了 ${value}（${section}）。`,
    needsValue: (section) => `这个参数需要一个 8 到 15 的值（${section}）。`,
    notAWindowSize: (value, section) => `${value} 不是窗口大小：值应为 8 到 15 的十进制数，不带前导零（${section}）。`,
    noValidSize: '不是有效的大小',
    bytes: (count) => `${count} 字节`,
    serverNoContextTakeover: {
      offer:
        '客户端请求服务器从空的 LZ77 窗口开始压缩每条消息，这样服务器的消息都不会引用更早的消息。这会降低压缩率，客户端却不因此省下什么。',
      answer: '服务器会在每条消息之后重置压缩器，所以它发出的每条消息都能单独解压，客户端不必记住服务器之前的消息。',
    },
    clientNoContextTakeover: {
      offer: '客户端告诉服务器，它不使用上下文接管（context takeover）：它从空窗口开始压缩每条消息，所以服务器可以忘掉客户端之前的消息。',
      answer: '服务器要求客户端从空窗口开始压缩每条消息，这样服务器可以在客户端的两条消息之间丢掉它的解压窗口。',
    },
    serverMaxWindowBits: {
      offer: (bits) => `客户端请求服务器使用至多 2^${bits} 字节的 LZ77 窗口，这限定了客户端解压服务器的消息所需的内存。`,
      answer: (bits, size) => `服务器会用至多 2^${bits} 字节（${size}）的窗口压缩。`,
    },
    clientMaxWindowBits: {
      offerBare: '客户端表示，如果服务器要求，它可以限制自己的 LZ77 窗口；没有这个参数，服务器就不能提出这个要求。',
      offer: (bits, size) => `客户端表示它会使用至多 2^${bits} 字节（${size}）的窗口。`,
      answer: (bits, size) => `服务器要求客户端用至多 2^${bits} 字节（${size}）的窗口压缩，这限定了服务器解压客户端的消息所需的内存。`,
    },
  },
};
