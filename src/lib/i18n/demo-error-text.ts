// What each of the demo server's refusals means, as a sentence in each language the site speaks. The server sends
// English on the wire (a DEMO_ERR_… code and a sentence); a widget shows that English on an English page and, on a
// Chinese page, the Chinese sentence for the code with the server's own words kept beside it.
import type { Locale } from './locale.ts';

/**
 * The Chinese sentence for every DEMO_ERR_… code the server can send. `tests/unit/demo-error-text.test.ts` reads the
 * server's sources and fails on a code missing here, so a new refusal cannot reach a Chinese page untranslated.
 */
export const DEMO_ERROR_SENTENCES_ZH: Record<string, string> = {
  DEMO_ERR_AUTH_DEADLINE: '连接打开后，凭证没有在限定时间内到达，演示服务器关闭了连接。',
  DEMO_ERR_AUTH_FIRST_MESSAGE: '第一条消息应当携带凭证，而这条消息不是，演示服务器关闭了连接。',
  DEMO_ERR_AUTH_FULL: '这个认证演示端点此刻的连接已满，请稍后再试。',
  DEMO_ERR_AUTH_MISSING: '这次握手没有带凭证，演示服务器拒绝了它。',
  DEMO_ERR_AUTH_REJECTED: '凭证无效、已过期或已经用过，演示服务器拒绝了这次握手。',
  DEMO_ERR_AUTH_TOO_MANY: '来自你这个地址的认证请求太多，请稍后再试。',
  DEMO_ERR_BAD_ARGUMENT: '请求里有一个参数不合规则。',
  DEMO_ERR_BAD_HANDSHAKE: '这个握手请求不符合 RFC 6455 §4.2.1 的要求，演示服务器拒绝了它。',
  DEMO_ERR_BAD_VERSION: 'Sec-WebSocket-Version 不是一个合法的版本号（RFC 6455 §4.2.1）。',
  DEMO_ERR_BINARY: '这个端点只读 JSON 文本消息，而这条消息是二进制的。',
  DEMO_ERR_CHAT_ALREADY_JOINED: '这个连接已经加入了聊天室。',
  DEMO_ERR_CHAT_BAD_NICKNAME: '昵称至少要有一个可见字符，并且不能含控制字符。',
  DEMO_ERR_CHAT_BAD_REQUEST: '聊天请求应当是一个带 "type"（"join" 或 "say"）的 JSON 对象。',
  DEMO_ERR_CHAT_EMPTY_MESSAGE: '聊天消息至少要有一个可见字符。',
  DEMO_ERR_CHAT_MESSAGE_TOO_LONG: '这条聊天消息超过了服务器允许的长度。',
  DEMO_ERR_CHAT_NICKNAME_TAKEN: '聊天室里已经有人用了这个昵称。',
  DEMO_ERR_CHAT_NICKNAME_TOO_LONG: '这个昵称超过了服务器允许的长度。',
  DEMO_ERR_CHAT_NOT_JOINED: '请先加入聊天室，再发言。',
  DEMO_ERR_CHAT_RATE_LIMITED: '发言太快了：服务器限制了每秒的消息数。',
  DEMO_ERR_CHAT_ROOM_FULL: '聊天室已满，请稍后再试。',
  DEMO_ERR_CHAT_TOO_SLOW: '这个连接读得太慢，服务器为它排队的消息超过了上限，于是断开了它；可以重新连接。',
  DEMO_ERR_CHAT_UNAVAILABLE: '聊天室此刻不可用：服务器连不上它的消息代理（Redis）。',
  DEMO_ERR_DEFLATE_FULL: '压缩演示端点此刻的连接已满，请稍后再试。',
  DEMO_ERR_IDLE: '连接空闲太久，没有任何消息，演示服务器关闭了它。',
  DEMO_ERR_MESSAGE_RATE: '这个连接每秒发送的消息超过了服务器的上限。',
  DEMO_ERR_METHOD_NOT_ALLOWED: '这个地址不接受这种 HTTP 方法；WebSocket 的打开握手必须是 GET 请求（RFC 6455 §4.1）。',
  DEMO_ERR_NOT_JSON: '这个端点只读 JSON，而这条消息不是 JSON。',
  DEMO_ERR_MQTT_BROKER_DOWN: '中继连不上它的 MQTT 消息代理（broker），请稍后再试。',
  DEMO_ERR_MQTT_FULL: 'MQTT 中继上的连接已经到了上限，请稍后再试。',
  DEMO_ERR_MQTT_IDLE: '这个连接在两个方向上都很久没有传送 MQTT 数据，中继关闭了它。',
  DEMO_ERR_MQTT_SUBPROTOCOL: 'MQTT 客户端必须在 Sec-WebSocket-Protocol 中提供子协议 mqtt（MQTT 3.1.1 §6），这个请求没有提供。',
  DEMO_ERR_MQTT_TEXT_FRAME: 'MQTT 报文只能放在二进制帧里，而这是一个文本帧（MQTT 3.1.1 §6）。',
  DEMO_ERR_MQTT_TOO_BIG: '这条消息超过了中继允许发给消息代理（broker）的最大字节数。',
  DEMO_ERR_MQTT_UNAVAILABLE: '这个演示服务器没有配置 MQTT 消息代理（broker），所以不中继 MQTT。',
  DEMO_ERR_NOT_LOOPBACK: '这个故意不安全的端点只对本机回环地址开放。',
  DEMO_ERR_NO_ENDPOINT: '演示服务器上没有这个地址的端点。',
  DEMO_ERR_ORIGIN_NOT_ALLOWED: '演示服务器不接受这个 Origin（RFC 6455 §10.2）。',
  DEMO_ERR_RACE_BAD_PARAMETER: '演示服务器拒绝了一个参数：它不在允许的范围内。',
  DEMO_ERR_RACE_BUSY: '演示服务器此刻正在跑太多场比赛，请几秒后再试。',
  DEMO_ERR_RACE_METHOD: '演示服务器不接受这种 HTTP 方法。',
  DEMO_ERR_RACE_NOT_FOUND: '演示服务器上没有这个比赛地址。',
  DEMO_ERR_RACE_UNKNOWN_RUN: '演示服务器不认识这场比赛：它可能已经过期了。',
  DEMO_ERR_RATE_LIMITED: '请求太快了：服务器限制了每秒的请求数。',
  DEMO_ERR_SERVER_FULL: '演示服务器此刻的连接已满，请稍后再试。',
  DEMO_ERR_SHUTTING_DOWN: '演示服务器正在关闭，不再接受新连接。',
  DEMO_ERR_STOP_NODE_NOT_LOOPBACK: '只有本机回环地址上的读者才能停止节点。',
  DEMO_ERR_STOP_NODE_NO_HEADER: '停止节点的请求缺少 X-Demo-Stop-Node 头部。',
  DEMO_ERR_STOP_NODE_WRONG_NODE: '这个请求到达的节点不是它要停止的那一个。',
  DEMO_ERR_TOO_MANY_FRAGMENTS: '一条消息的分片太多，超过了服务器的上限。',
  DEMO_ERR_TOO_MANY_FROM_IP: '来自你这个地址的连接太多，请先关闭一些。',
  DEMO_ERR_TOO_MANY_HEADERS: '握手请求的头部太多或太大。',
  DEMO_ERR_TROUBLE_SESSION_OVER: '这个故障演示连接到了时长上限，服务器关闭了它。',
  DEMO_ERR_TROUBLE_TOO_MANY: '同时打开的故障演示连接太多，请稍后再试。',
  DEMO_ERR_TROUBLE_UNKNOWN_SYMPTOM: '演示服务器不认识这个故障症状。',
  DEMO_ERR_UNKNOWN_ACT: '实验台不认识这个操作。',
  DEMO_ERR_UNSUPPORTED_VERSION: '演示服务器只支持 Sec-WebSocket-Version: 13（RFC 6455 §4.4）。',
  DEMO_ERR_UNSUPPORTED_VERSION_HTTP2: '演示服务器只支持 Sec-WebSocket-Version: 13（RFC 6455 §4.4）。',
};

/**
 * A refusal as a widget shows it. English pages show the server's sentence as sent. Chinese pages show the Chinese
 * sentence for the code, then the server's English in parentheses, so nothing the server said is lost; an unknown or
 * missing code still gets a general sentence.
 */
export function describeDemoError(code: string | undefined, serverMessage: string, locale: Locale): string {
  if (locale === 'en') return serverMessage;
  const sentence = (code && DEMO_ERROR_SENTENCES_ZH[code]) ?? '演示服务器拒绝了这个请求。';
  return serverMessage ? `${sentence}（服务器原文：${serverMessage}）` : sentence;
}

/**
 * Splits a close reason or refusal body the server wrote as `DEMO_ERR_…: sentence` into its code and its sentence.
 * Anything else is a sentence with no code.
 */
export function splitDemoReason(reason: string): { code: string | undefined; message: string } {
  const match = /^(DEMO_ERR_[A-Z0-9_]+): ?(.*)$/s.exec(reason);
  return match ? { code: match[1], message: match[2]! } : { code: undefined, message: reason };
}
