// The Socket.IO annotator's words (part titles and value phrases) in each language the site speaks; the payload's own
// characters, numbers, ids and packet type names stay as they are.
import type { Locale } from '../i18n/locale.ts';

export interface SocketIoPacketText {
  titles: {
    engineType: string;
    handshake: string;
    engineData: string;
    socketType: string;
    attachmentCount: string;
    namespace: string;
    ackId: string;
    data: string;
    attachment: string;
    binaryMessage: string;
    websocketFrame: (frame: string) => string;
  };
  engineTypes: Record<'open' | 'close' | 'ping' | 'pong' | 'message' | 'upgrade' | 'noop', string>;
  socketTypes: Record<'CONNECT' | 'DISCONNECT' | 'EVENT' | 'ACK' | 'CONNECT_ERROR' | 'BINARY_EVENT' | 'BINARY_ACK', string>;
  /** The server's CONNECT, which answers the client's. */
  connectAccepted: string;
  /** The open packet's JSON: session id, upgrades, ping timing, largest packet. */
  handshake: (fields: { sid: string; upgrades: string[]; pingInterval: string; pingTimeout: string; maxPayload: string }) => string;
  probe: string;
  engineData: string;
  attachmentCount: (count: number) => string;
  namespace: (name: string) => string;
  ackId: (type: string, id: number) => string;
  /** The server's CONNECT data: the namespace's session id, as JSON. */
  namespaceSid: (sid: string) => string;
  connectAuth: string;
  refusal: (message: string) => string;
  event: (name: string, argumentCount: number) => string;
  answer: (valueCount: number) => string;
  /** Appended once per `{"_placeholder":true,"num":n}` in the data. */
  placeholder: (num: number) => string;
  dataMustBeArray: (type: string) => string;
  attachmentSummary: string;
  attachment: (index: number, bytes: number) => string;
  binaryMessage: (bytes: number) => string;
  /** A Close frame with no payload (RFC 6455 §7.1.5). */
  closeWithoutCode: string;
  controlFrame: (bytes: number) => string;
  notEngineType: string;
  notSocketType: string;
  emptyMessage: string;
  noAttachmentCount: string;
  notJson: string;
}

export const SOCKET_IO_PACKET_TEXT: Record<Locale, SocketIoPacketText> = {
  en: {
    titles: {
      engineType: 'Engine.IO packet type',
      handshake: 'Engine.IO handshake',
      engineData: 'Engine.IO packet data',
      socketType: 'Socket.IO packet type',
      attachmentCount: 'Number of binary attachments',
      namespace: 'Namespace',
      ackId: 'Acknowledgement id',
      data: 'Data (JSON)',
      attachment: 'Binary attachment',
      binaryMessage: 'Binary message',
      websocketFrame: (frame) => `WebSocket ${frame} frame`,
    },
    engineTypes: {
      open: '0, open: the server starts the session',
      close: '1, close: the session ends',
      ping: '2, ping: the server checks that the client is still there',
      pong: '3, pong: the client answers the ping',
      message: '4, message: a Socket.IO packet follows',
      upgrade: '5, upgrade: the client moves the session to this transport',
      noop: '6, noop: nothing, used during an upgrade',
    },
    socketTypes: {
      CONNECT: '0, CONNECT: join a namespace',
      DISCONNECT: '1, DISCONNECT: leave a namespace',
      EVENT: '2, EVENT: a named event with its arguments',
      ACK: '3, ACK: the answer to an event that asked for one',
      CONNECT_ERROR: '4, CONNECT_ERROR: the server refuses the namespace',
      BINARY_EVENT: '5, BINARY_EVENT: an event whose arguments include binary data',
      BINARY_ACK: '6, BINARY_ACK: an answer that includes binary data',
    },
    connectAccepted: '0, CONNECT: the server lets the client into the namespace',
    handshake: (f) =>
      `session id ${f.sid}; upgrades: ${f.upgrades.join(', ') || 'none (already on WebSocket)'}; a ping every ${f.pingInterval} ms, each pong due within ${f.pingTimeout} ms; packets up to ${f.maxPayload} bytes`,
    probe: '"probe": this ping or pong tests a new transport before the upgrade',
    engineData: 'data of this packet',
    attachmentCount: (count) =>
      `${count} ${count === 1 ? 'attachment follows' : 'attachments follow'} as separate binary messages, then "-"`,
    namespace: (name) => `the namespace ${name}, then ","; left out for the main namespace "/"`,
    ackId: (type, id) =>
      type === 'ACK' || type === 'BINARY_ACK'
        ? `${id}: answers the event that carried id ${id}`
        : `${id}: asks for an ACK carrying the same id`,
    namespaceSid: (sid) => `the namespace's own session id, ${sid}, not the Engine.IO one`,
    connectAuth: 'auth data for the namespace',
    refusal: (message) => `why: ${message}`,
    event: (name, count) => `event ${name} with ${count} ${count === 1 ? 'argument' : 'arguments'}`,
    answer: (count) => `${count} ${count === 1 ? 'value' : 'values'} in the answer`,
    placeholder: (num) => `; {"_placeholder":true,"num":${num}} stands for attachment ${num}`,
    dataMustBeArray: (type) =>
      type === 'EVENT' || type === 'BINARY_EVENT'
        ? 'malformed: an event\u2019s data must be a non-empty array'
        : 'malformed: an ACK\u2019s data must be an array',
    attachmentSummary: 'attachment',
    attachment: (index, bytes) => `attachment ${index} of the packet before, ${bytes} ${bytes === 1 ? 'byte' : 'bytes'}, sent as is`,
    binaryMessage: (bytes) => `a binary message of ${bytes} ${bytes === 1 ? 'byte' : 'bytes'}, sent with no type in front`,
    closeWithoutCode: 'no status code, so the other side reports 1005 (RFC 6455 §7.1.5)',
    controlFrame: (bytes) => `${bytes} ${bytes === 1 ? 'byte' : 'bytes'} of payload (RFC 6455 §5.5)`,
    notEngineType: 'malformed: a text packet must start with an Engine.IO type, 0 to 6',
    notSocketType: 'malformed: a Socket.IO packet must start with its type, 0 to 6',
    emptyMessage: 'malformed: a message packet must hold a Socket.IO packet',
    noAttachmentCount: 'malformed: a binary packet must give its number of attachments, then "-"',
    notJson: 'malformed: not JSON',
  },
  'zh-CN': {
    titles: {
      engineType: 'Engine.IO 数据包类型',
      handshake: 'Engine.IO 握手数据',
      engineData: 'Engine.IO 数据包数据',
      socketType: 'Socket.IO 数据包类型',
      attachmentCount: '二进制附件数',
      namespace: '命名空间',
      ackId: '确认 id',
      data: '数据（JSON）',
      attachment: '二进制附件',
      binaryMessage: '二进制消息',
      websocketFrame: (frame) => `WebSocket ${frame}帧`,
    },
    engineTypes: {
      open: '0，open：服务器开始会话',
      close: '1，close：会话结束',
      ping: '2，ping：服务器检查客户端是否还在',
      pong: '3，pong：客户端回答 ping',
      message: '4，message：后面是一个 Socket.IO 数据包',
      upgrade: '5，upgrade：客户端把会话迁到这个传输上',
      noop: '6，noop：什么也不做，升级期间使用',
    },
    socketTypes: {
      CONNECT: '0，CONNECT：加入一个命名空间',
      DISCONNECT: '1，DISCONNECT：离开一个命名空间',
      EVENT: '2，EVENT：一个带参数的具名事件',
      ACK: '3，ACK：对要求确认的事件的回答',
      CONNECT_ERROR: '4，CONNECT_ERROR：服务器拒绝该命名空间',
      BINARY_EVENT: '5，BINARY_EVENT：参数里含二进制数据的事件',
      BINARY_ACK: '6，BINARY_ACK：含二进制数据的回答',
    },
    connectAccepted: '0，CONNECT：服务器让客户端进入该命名空间',
    handshake: (f) =>
      `会话 id ${f.sid}；可升级到：${f.upgrades.join('、') || '无（已经在 WebSocket 上）'}；每 ${f.pingInterval} 毫秒一次 ping，pong 须在 ${f.pingTimeout} 毫秒内到达；数据包最大 ${f.maxPayload} 字节`,
    probe: '"probe"：升级前用这个 ping 或 pong 试探新的传输',
    engineData: '这个数据包的数据',
    attachmentCount: (count) => `后面有 ${count} 个附件，各自作为单独的二进制消息发送；然后是 "-"`,
    namespace: (name) => `命名空间 ${name}，然后是 ","；主命名空间 "/" 省略不写`,
    ackId: (type, id) =>
      type === 'ACK' || type === 'BINARY_ACK' ? `${id}：回答带 id ${id} 的事件` : `${id}：要求对方回一个带相同 id 的 ACK`,
    namespaceSid: (sid) => `该命名空间自己的会话 id ${sid}，不是 Engine.IO 的那个`,
    connectAuth: '加入命名空间的认证数据',
    refusal: (message) => `原因：${message}`,
    event: (name, count) => `事件 ${name}，${count} 个参数`,
    answer: (count) => `回答中有 ${count} 个值`,
    placeholder: (num) => `；{"_placeholder":true,"num":${num}} 代表附件 ${num}`,
    dataMustBeArray: (type) =>
      type === 'EVENT' || type === 'BINARY_EVENT' ? '格式错误：事件的数据必须是非空数组' : '格式错误：ACK 的数据必须是数组',
    attachmentSummary: '附件',
    attachment: (index, bytes) => `前一个数据包的附件 ${index}，${bytes} 字节，原样发送`,
    binaryMessage: (bytes) => `${bytes} 字节的二进制消息，前面没有类型`,
    closeWithoutCode: '没有状态码，所以对方报告 1005（RFC 6455 §7.1.5）',
    controlFrame: (bytes) => `${bytes} 字节的载荷（RFC 6455 §5.5）`,
    notEngineType: '格式错误：文本数据包必须以 Engine.IO 类型 0 到 6 开头',
    notSocketType: '格式错误：Socket.IO 数据包必须以它的类型 0 到 6 开头',
    emptyMessage: '格式错误：message 数据包里必须有一个 Socket.IO 数据包',
    noAttachmentCount: '格式错误：二进制数据包必须先给出附件数，然后是 "-"',
    notJson: '格式错误：不是 JSON',
  },
};
