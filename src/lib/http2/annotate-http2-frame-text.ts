// The words of the HTTP/2 frame annotations, in each language the site speaks. Frame, flag, setting and error names
// stay as RFC 9113 spells them (DATA, END_STREAM, SETTINGS_ENABLE_CONNECT_PROTOCOL, NO_ERROR); only the notes change.
import type { Representation } from './hpack.ts';
import type { Locale } from '../i18n/locale.ts';

export interface Http2Text {
  labels: {
    length: string;
    type: string;
    flags: string;
    streamId: string;
    payload: string;
    errorCode: string;
    windowIncrement: string;
    lastStream: string;
    debugData: string;
    preface: string;
    identifier: string;
    value: string;
    representation: string;
    name: string;
    meaning: string;
  };
  titles: {
    frameHeader: (typeName: string, streamId: number) => string;
    webSocketBytes: (octets: number) => string;
    errorCode: string;
    windowIncrement: string;
    lastStream: string;
    debugData: string;
    payload: string;
    preface: string;
    unknownSetting: (hexId: string) => string;
    tableSize: (size: number | undefined) => string;
  };
  /** Values that are words rather than numbers or names. */
  values: { none: string; unknown: string; octets: (count: number) => string; unknownType: (hexType: string) => string };
  notes: {
    length: string;
    unknownType: string;
    connectionStream: string;
    webSocketStream: string;
    webSocketPayload: string;
    errorRstStream: string;
    windowIncrement: string;
    lastStream: string;
    errorGoaway: string;
    debugData: string;
    payload: string;
    preface: string;
    twoOctets: string;
    unknownSetting: string;
    tableSizeOctets: (size: number | undefined) => string;
    fromTable: (entry: string) => string;
    spelledOut: string;
    staticEntry: (index: number) => string;
    dynamicEntry: (index: number) => string;
    huffman: string;
    plainOctets: string;
    flags: { ack: string; endStreamData: string; endHeaders: string; none: string };
  };
  /** What each frame type does, keyed by its type number (RFC 9113 §6). */
  frameTypes: Record<number, string>;
  settings: Record<number, (value: number) => string>;
  /** What a few fields mean on an RFC 8441 stream, keyed by field name. */
  fields: Record<string, string>;
  representations: Record<Representation['kind'], string>;
}

export const HTTP2_TEXT: Record<Locale, Http2Text> = {
  en: {
    labels: {
      length: 'Length',
      type: 'Type',
      flags: 'Flags',
      streamId: 'Stream identifier',
      payload: 'Payload',
      errorCode: 'Error code',
      windowIncrement: 'Window size increment',
      lastStream: 'Last stream',
      debugData: 'Debug data',
      preface: 'Preface',
      identifier: 'Identifier',
      value: 'Value',
      representation: 'Representation',
      name: 'Name',
      meaning: 'Meaning',
    },
    titles: {
      frameHeader: (typeName, streamId) => `${typeName} frame header, stream ${streamId}`,
      webSocketBytes: (octets) => `${octets} octets of the WebSocket connection`,
      errorCode: 'Error code',
      windowIncrement: 'Window size increment',
      lastStream: 'Last stream identifier',
      debugData: 'Debug data',
      payload: 'Payload',
      preface: 'Connection preface: PRI * HTTP/2.0␍␊␍␊SM␍␊␍␊',
      unknownSetting: (hexId) => `setting 0x${hexId}`,
      tableSize: (size) => `Table size ${size}`,
    },
    values: { none: 'none', unknown: 'unknown', octets: (count) => `${count} octets`, unknownType: (hexType) => `0x${hexType} (unknown)` },
    notes: {
      length: 'octets of payload after these nine',
      unknownType: 'unknown types are ignored',
      connectionStream: 'stream 0 is the connection itself',
      webSocketStream: 'client-initiated streams are odd; this one carries the WebSocket',
      webSocketPayload: 'WebSocket frames exactly as on a TCP connection, the client’s masked; explained below',
      errorRstStream: 'why the stream ended; NO_ERROR after a complete response asks the peer to stop sending',
      windowIncrement: 'more octets the sender may now send',
      lastStream: 'the highest stream the sender may have acted on',
      errorGoaway: 'why the connection ends',
      debugData: 'opaque',
      payload: 'not explained here',
      preface: 'tells an HTTP/1.1 server this is HTTP/2; a SETTINGS frame follows',
      twoOctets: 'two octets',
      unknownSetting: 'an unknown setting is ignored',
      tableSizeOctets: (size) => `${size} octets`,
      fromTable: (entry) => `from the ${entry}`,
      spelledOut: 'name and value spelled out',
      staticEntry: (index) => `static table entry ${index}`,
      dynamicEntry: (index) => `dynamic table entry ${index}`,
      huffman: 'a literal, Huffman-coded (Appendix B)',
      plainOctets: 'a literal, in plain octets',
      flags: {
        ack: 'acknowledges the peer’s frame',
        endStreamData: 'the sender’s last frame on this stream: its half of the WebSocket’s TCP-like close',
        endHeaders: 'the header block is whole in this frame',
        none: 'no flag this frame type defines is set',
      },
    },
    frameTypes: {
      0x0: 'carries a stream’s content',
      0x1: 'opens a stream and carries a header block',
      0x2: 'a stream’s priority (deprecated)',
      0x3: 'ends a stream at once',
      0x4: 'the sender’s settings for the connection',
      0x5: 'announces a pushed stream',
      0x6: 'asks for an answer, to measure or to keep alive',
      0x7: 'the connection is being shut down',
      0x8: 'grants flow-control credit',
      0x9: 'continues a header block',
    },
    settings: {
      0x1: (v) => `the HPACK dynamic table may hold ${v} octets`,
      0x2: (v) => (v ? 'server push allowed' : 'no server push'),
      0x3: (v) => `at most ${v} streams open at once`,
      0x4: (v) => `each new stream starts with ${v} octets of credit`,
      0x5: (v) => `frame payloads of up to ${v} octets`,
      0x6: (v) => `header lists of up to ${v} octets`,
      0x8: (v) => (v === 1 ? 'the client may open WebSockets with an extended CONNECT' : 'no extended CONNECT'),
    },
    fields: {
      ':method': 'CONNECT, which RFC 8441 extends with :protocol',
      ':protocol': 'the protocol the stream will carry: websocket',
      ':scheme': 'the target URI’s scheme, which extended CONNECT carries as a request does',
      ':path': 'the WebSocket endpoint, the path of the ws:// URI',
      ':authority': 'the host and port, as Host on HTTP/1.1',
      ':status': 'any 2xx opens the WebSocket; there is no 101 and no Sec-WebSocket-Accept',
      'sec-websocket-version': 'keeps its RFC 6455 meaning; over HTTP/2 there is no Sec-WebSocket-Key',
      'sec-websocket-protocol': 'keeps its RFC 6455 meaning',
      'sec-websocket-extensions': 'keeps its RFC 6455 meaning, so permessage-deflate is negotiated as on HTTP/1.1',
      origin: 'the page’s origin, which the server checks as on HTTP/1.1',
      date: 'when the server answered; an origin server with a clock sends it',
    },
    representations: {
      indexed: 'indexed field: the whole field is a table entry',
      'literal-incremental': 'literal, added to the dynamic table for later blocks',
      'literal-without-indexing': 'literal, not added to the dynamic table',
      'literal-never-indexed': 'literal that intermediaries must never index',
      'table-size-update': 'dynamic table size update',
    },
  },
  'zh-CN': {
    labels: {
      length: '长度（Length）',
      type: '类型（Type）',
      flags: '标志（Flags）',
      streamId: '流标识符（Stream identifier）',
      payload: '载荷',
      errorCode: '错误码',
      windowIncrement: '窗口大小增量',
      lastStream: '最后的流',
      debugData: '调试数据',
      preface: '前言（Preface）',
      identifier: '标识符',
      value: '值',
      representation: '表示方式',
      name: '名称',
      meaning: '含义',
    },
    titles: {
      frameHeader: (typeName, streamId) => `${typeName} 帧头，流 ${streamId}`,
      webSocketBytes: (octets) => `WebSocket 连接的 ${octets} 个八位组`,
      errorCode: '错误码',
      windowIncrement: '窗口大小增量',
      lastStream: '最后的流标识符',
      debugData: '调试数据',
      payload: '载荷',
      preface: '连接前言：PRI * HTTP/2.0␍␊␍␊SM␍␊␍␊',
      unknownSetting: (hexId) => `设置 0x${hexId}`,
      tableSize: (size) => `表大小 ${size}`,
    },
    values: { none: '无', unknown: '未知', octets: (count) => `${count} 个八位组`, unknownType: (hexType) => `0x${hexType}（未知）` },
    notes: {
      length: '这 9 个八位组之后的载荷长度',
      unknownType: '未知类型的帧会被忽略',
      connectionStream: '流 0 就是连接本身',
      webSocketStream: '客户端发起的流是奇数号；这条流承载 WebSocket',
      webSocketPayload: '与 TCP 连接上完全相同的 WebSocket 帧，客户端的帧加了掩码；下面逐字节解释',
      errorRstStream: '流为什么结束；在完整的响应之后，NO_ERROR 是请对方停止发送',
      windowIncrement: '发送方现在可以多发送的八位组数',
      lastStream: '发送方可能已经处理过的最高流号',
      errorGoaway: '连接为什么结束',
      debugData: '不透明的数据',
      payload: '这里不作解释',
      preface: '告诉 HTTP/1.1 服务器这是 HTTP/2；后面跟着一个 SETTINGS 帧',
      twoOctets: '两个八位组',
      unknownSetting: '未知的设置会被忽略',
      tableSizeOctets: (size) => `${size} 个八位组`,
      fromTable: (entry) => `取自${entry}`,
      spelledOut: '名称和值都按字面写出',
      staticEntry: (index) => `静态表第 ${index} 项`,
      dynamicEntry: (index) => `动态表第 ${index} 项`,
      huffman: '字面值，用 Huffman 编码（附录 B）',
      plainOctets: '字面值，按原样的八位组',
      flags: {
        ack: '确认对方的帧',
        endStreamData: '发送方在这条流上的最后一帧：相当于 WebSocket 在 TCP 上关闭自己的那一半',
        endHeaders: '头部块完整地在这一帧里',
        none: '没有设置这种帧类型定义的任何标志',
      },
    },
    frameTypes: {
      0x0: '承载流的内容',
      0x1: '打开一条流并承载一个头部块',
      0x2: '流的优先级（已弃用）',
      0x3: '立即结束一条流',
      0x4: '发送方对这个连接的设置',
      0x5: '预告一条推送的流',
      0x6: '请求一个应答，用来测量或保活',
      0x7: '连接正在关闭',
      0x8: '授予流量控制额度',
      0x9: '延续一个头部块',
    },
    settings: {
      0x1: (v) => `HPACK 动态表最多可容纳 ${v} 个八位组`,
      0x2: (v) => (v ? '允许服务器推送' : '不允许服务器推送'),
      0x3: (v) => `同时最多打开 ${v} 条流`,
      0x4: (v) => `每条新流起始有 ${v} 个八位组的额度`,
      0x5: (v) => `帧载荷最多 ${v} 个八位组`,
      0x6: (v) => `头部列表最多 ${v} 个八位组`,
      0x8: (v) => (v === 1 ? '客户端可以用扩展的 CONNECT 打开 WebSocket' : '不支持扩展的 CONNECT'),
    },
    fields: {
      ':method': 'CONNECT，RFC 8441 用 :protocol 扩展了它',
      ':protocol': '这条流将承载的协议：websocket',
      ':scheme': '目标 URI 的 scheme，扩展的 CONNECT 像普通请求一样携带它',
      ':path': 'WebSocket 端点，即 ws:// URI 的路径',
      ':authority': '主机和端口，相当于 HTTP/1.1 的 Host',
      ':status': '任何 2xx 都会打开 WebSocket；没有 101，也没有 Sec-WebSocket-Accept',
      'sec-websocket-version': '保持 RFC 6455 的含义；在 HTTP/2 上没有 Sec-WebSocket-Key',
      'sec-websocket-protocol': '保持 RFC 6455 的含义',
      'sec-websocket-extensions': '保持 RFC 6455 的含义，所以 permessage-deflate 的协商与 HTTP/1.1 上相同',
      origin: '页面的源，服务器像在 HTTP/1.1 上一样检查它',
      date: '服务器应答的时间；有时钟的源服务器会发送它',
    },
    representations: {
      indexed: '索引字段：整个字段就是一个表项',
      'literal-incremental': '字面值，加入动态表供后面的头部块使用',
      'literal-without-indexing': '字面值，不加入动态表',
      'literal-never-indexed': '字面值，中间方永远不得为它建索引',
      'table-size-update': '动态表大小更新',
    },
  },
};
