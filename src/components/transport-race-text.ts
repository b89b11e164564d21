// Every word the transport race shows, in each language the site speaks. Numbers arrive already formatted.
import type { Transport } from '../lib/race-messages.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { describeDemoError } from '../lib/i18n/demo-error-text.ts';

/** The figures one run's commentary talks about, formatted for the page's locale. */
export interface RaceFigures {
  shortRequests: number;
  shortDelivered: number;
  longRequests: number;
  sseRequests: number;
  /** Short polling's bytes per round trip, payload included. */
  shortPerRequest: number;
  payloadBytes: number;
  pollMs: number;
  halfPollMs: number;
  longPerEvent: string;
  shortPerEvent: string;
  wsPerEvent: string;
  shortMedian: string;
  longMedian: string;
  sseMedian: string;
  wsMedian: string;
  /** How many of short polling's requests could have found nothing new. */
  emptyPolls: number;
  /** The last WebSocket event message's size and its frame header, when the run saw one. */
  socketMessageBytes: number | undefined;
  frameHeaderBytes: number | undefined;
  /** Short polling's bytes per event over WebSocket's, to one decimal. */
  ratio: string;
}

export interface RaceText {
  title: string;
  hint: string;
  labels: { events: string; intervalMs: string; payloadBytes: string; pollMs: string; status: string };
  start: string;
  notStarted: string;
  /** The table's caption, around what the server says it measured on. */
  caption: { before: string; after: string };
  measuredOn: string;
  columns: [string, string, string, string, string, string, string, string, string];
  chartBytes: string;
  chartLatency: string;
  why: string;
  transportNames: Record<Transport, string>;
  status: {
    syncing: string;
    running: (transport: string, index: number) => string;
    collecting: string;
    done: string;
    unreachable: string;
    stopped: string;
  };
  delivered: (delivered: number, expected: number) => string;
  /** A byte count and a duration, as the table and charts print them. */
  bytes: (formatted: string) => string;
  ms: (oneDecimal: string) => string;
  notExact: string;
  /** A refusal the server explained: a sentence for its DEMO_ERR_… code, with the server's English words kept. */
  refusal: (code: string | undefined, serverMessage: string) => string;
  answered: (status: number) => string;
  nothingMeasured: (unreachable: string) => string;
  commentary: {
    headerRepetition: (f: RaceFigures) => string;
    longCostsMore: (f: RaceFigures) => string;
    emptyPolls: (f: RaceFigures) => string;
    latencyFloor: (f: RaceFigures) => string;
    sse: (f: RaceFigures) => string;
    frameHeader: (f: RaceFigures) => string;
    perEvent: (f: RaceFigures) => string;
  };
}

export const RACE_TEXT: Record<Locale, RaceText> = {
  en: {
    title: 'Transport race',
    hint: 'Nothing connects until you press Start. The four transports then run one after another, each carrying the same events.',
    labels: {
      events: 'Number of events',
      intervalMs: 'Interval between events (ms)',
      payloadBytes: 'Payload size (bytes)',
      pollMs: 'Short-poll interval (ms)',
      status: 'Status',
    },
    start: 'Start the race',
    notStarted: 'Not started.',
    caption: { before: 'Measured results (', after: ')' },
    measuredOn: 'HTTP/1.1 on this connection, no TLS',
    columns: [
      'Transport',
      'Events delivered',
      'Median latency',
      'p95 latency',
      'HTTP requests',
      'TCP connections',
      'Bytes up',
      'Bytes down',
      'Bytes per event',
    ],
    chartBytes: 'Bytes per delivered event, both directions',
    chartLatency: 'Median latency, server send to page receipt',
    why: 'Why the numbers differ',
    transportNames: { 'short-poll': 'Short polling', 'long-poll': 'Long polling', sse: 'Server-Sent Events', websocket: 'WebSocket' },
    status: {
      syncing: 'Syncing clocks with the demo server…',
      running: (transport, index) => `Running ${transport} (${index} of 4)…`,
      collecting: 'Collecting the server’s byte counts…',
      done: 'Done. The results below are from this run.',
      unreachable: 'The demo server could not be reached.',
      stopped: 'The race stopped.',
    },
    delivered: (delivered, expected) => `${delivered} of ${expected}`,
    bytes: (formatted) => `${formatted} B`,
    ms: (oneDecimal) => `${oneDecimal} ms`,
    notExact: 'A connection also carried requests the server could not separate from the race, so some byte counts may be a little high.',
    refusal: (_code, serverMessage) => serverMessage,
    answered: (status) => `The demo server answered ${status}.`,
    nothingMeasured: (unreachable) => `${unreachable} Nothing was measured.`,
    commentary: {
      headerRepetition: (f) =>
        `Header repetition. Short polling made ${f.shortRequests} requests for ${f.shortDelivered} events, and long polling made ${f.longRequests}. ` +
        `Every request and every response carried a full set of HTTP headers again: about ${f.shortPerRequest} bytes per round trip ` +
        `for short polling, payload included, against ${f.payloadBytes} bytes of payload per event.`,
      longCostsMore: (f) =>
        `Long polling cost more per event than short polling here (${f.longPerEvent} against ${f.shortPerEvent}). ` +
        `A short poll collects every event that arrived since the last one, so one round trip of headers can carry several events; ` +
        `long polling answers as soon as one event exists, so it pays a round trip for nearly every event. It buys low latency with bytes.`,
      emptyPolls: (f) =>
        `Short polling asked more often than there was news: at least ${f.emptyPolls} of its requests could have found nothing new, and each one still cost a round trip of headers.`,
      latencyFloor: (f) =>
        `The poll interval's latency floor. An event that is ready waits for the next poll, so with a poll every ${f.pollMs} ms ` +
        `it waits ${f.halfPollMs} ms on average and up to ${f.pollMs} ms. Short polling's median here was ${f.shortMedian}. ` +
        `Long polling (${f.longMedian}), SSE (${f.sseMedian}) and WebSocket (${f.wsMedian}) have no such floor: ` +
        `the server writes as soon as the event exists. Long polling pays up to one round trip whenever an event arrives before the next request does.`,
      sse: (f) =>
        `SSE made ${f.sseRequests} request${f.sseRequests === 1 ? '' : 's'}. After its headers, each event cost its id: and data: lines and, on HTTP/1.1, a chunk-size line of chunked transfer encoding.`,
      frameHeader: (f) =>
        `WebSocket's frame header. After one upgrade request and its 101 response, ` +
        (f.frameHeaderBytes === undefined
          ? 'each event travelled in a frame with a header of 2 to 10 bytes. '
          : `each ${f.socketMessageBytes}-byte event message travelled in a frame with a ${f.frameHeaderBytes}-byte header. `) +
        `A frame header is 2 bytes for up to 125 bytes of payload, 4 up to 65,535, and 10 beyond; a client adds a 4-byte masking key, so 2 to 14 bytes in all (RFC 6455 §5.2).`,
      perEvent: (f) =>
        `Per delivered event, WebSocket cost ${f.wsPerEvent} and short polling ${f.shortPerEvent}: ` +
        `${f.ratio} times as much. Every figure includes the setup (the upgrade, the SSE request) spread over the events.`,
    },
  },
  'zh-CN': {
    title: '传输方式比赛',
    hint: '按下“开始比赛”之前什么都不会连接。之后四种传输方式一个接一个地跑，每种都承载同样的事件。',
    labels: {
      events: '事件数',
      intervalMs: '事件间隔（毫秒）',
      payloadBytes: '载荷大小（字节）',
      pollMs: '短轮询间隔（毫秒）',
      status: '状态',
    },
    start: '开始比赛',
    notStarted: '尚未开始。',
    caption: { before: '测量结果（', after: '）' },
    measuredOn: '本连接上的 HTTP/1.1，无 TLS',
    columns: ['传输方式', '送达事件', '延迟中位数', 'p95 延迟', 'HTTP 请求', 'TCP 连接', '上行字节', '下行字节', '每事件字节'],
    chartBytes: '每个送达事件的字节数（双向合计）',
    chartLatency: '延迟中位数：从服务器发出到页面收到',
    why: '数字为什么不同',
    transportNames: { 'short-poll': '短轮询', 'long-poll': '长轮询', sse: 'Server-Sent Events', websocket: 'WebSocket' },
    status: {
      syncing: '正在与演示服务器同步时钟…',
      running: (transport, index) => `正在运行${transport}（第 ${index} 种，共 4 种）…`,
      collecting: '正在收集服务器统计的字节数…',
      done: '完成。下面是这一次运行的结果。',
      unreachable: '无法连接到演示服务器。',
      stopped: '比赛中止了。',
    },
    delivered: (delivered, expected) => `${delivered} / ${expected}`,
    bytes: (formatted) => `${formatted} 字节`,
    ms: (oneDecimal) => `${oneDecimal} 毫秒`,
    notExact: '有一条连接还承载了服务器无法与比赛区分开的请求，所以某些字节数可能略微偏高。',
    refusal: (code, serverMessage) => describeDemoError(code, serverMessage, 'zh-CN'),
    answered: (status) => `演示服务器回答了 ${status}。`,
    nothingMeasured: (unreachable) => `${unreachable} 什么也没有测量。`,
    commentary: {
      headerRepetition: (f) =>
        `头部的重复。短轮询为 ${f.shortDelivered} 个事件发了 ${f.shortRequests} 个请求，长轮询发了 ${f.longRequests} 个。` +
        `每个请求和每个响应都重新带上一整套 HTTP 头部：短轮询每个往返约 ${f.shortPerRequest} 字节（含载荷），` +
        `而每个事件的载荷只有 ${f.payloadBytes} 字节。`,
      longCostsMore: (f) =>
        `这一次，长轮询每个事件的开销比短轮询还大（${f.longPerEvent}，短轮询是 ${f.shortPerEvent}）。` +
        `一次短轮询会收走上次以来到达的所有事件，所以一个往返的头部可以捎带好几个事件；` +
        `长轮询只要有一个事件就立刻回答，所以几乎每个事件都要付一个往返。它是用字节换来了低延迟。`,
      emptyPolls: (f) => `短轮询问得比新消息来得还勤：它的请求里至少有 ${f.emptyPolls} 个本可能一无所获，而每一个照样要付一个往返的头部。`,
      latencyFloor: (f) =>
        `轮询间隔带来的延迟下限。一个已经就绪的事件要等下一次轮询，所以每 ${f.pollMs} 毫秒轮询一次时，` +
        `它平均等 ${f.halfPollMs} 毫秒，最多等 ${f.pollMs} 毫秒。这一次短轮询的中位数是 ${f.shortMedian}。` +
        `长轮询（${f.longMedian}）、SSE（${f.sseMedian}）和 WebSocket（${f.wsMedian}）没有这样的下限：` +
        `事件一出现，服务器就写出去。只有当事件比下一个请求先到时，长轮询才要多付最多一个往返。`,
      sse: (f) =>
        `SSE 发了 ${f.sseRequests} 个请求。在它的头部之后，每个事件只花它的 id: 和 data: 两行，在 HTTP/1.1 上再加分块传输编码的一行块长度。`,
      frameHeader: (f) =>
        `WebSocket 的帧头。在一个升级请求和它的 101 响应之后，` +
        (f.frameHeaderBytes === undefined
          ? '每个事件都装在一个帧头为 2 到 10 字节的帧里传输。'
          : `每条 ${f.socketMessageBytes} 字节的事件消息都装在一个帧头为 ${f.frameHeaderBytes} 字节的帧里传输。`) +
        `载荷不超过 125 字节时帧头是 2 字节，不超过 65,535 字节时是 4 字节，再大是 10 字节；客户端还要加 4 字节的掩码键，所以一共是 2 到 14 字节（RFC 6455 §5.2）。`,
      perEvent: (f) =>
        `按每个送达的事件算，WebSocket 花了 ${f.wsPerEvent}，短轮询花了 ${f.shortPerEvent}：` +
        `是它的 ${f.ratio} 倍。每个数字都把建立连接的开销（升级请求、SSE 请求）摊到了各个事件上。`,
    },
  },
};
