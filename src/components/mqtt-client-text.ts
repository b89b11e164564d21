// Every word the live MQTT client shows, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';
import { formatInteger } from '../lib/i18n/locale.ts';
import { describeDemoError } from '../lib/i18n/demo-error-text.ts';

export interface MqttClientText {
  title: string;
  hint: string;
  labels: { filter: string; topic: string; message: string; status: string; received: string; frames: string };
  buttons: { connect: string; disconnect: string; subscribe: string; publish: string };
  status: {
    idle: string;
    connecting: string;
    connected: (clientId: string) => string;
    subscribed: (filter: string, qos: number) => string;
    subscribeRefused: (filter: string) => string;
    published: (topic: string) => string;
    disconnected: string;
    closed: (code: number, reason: string) => string;
    unreachable: string;
  };
  /** One received MQTT message, as the list shows it. */
  message: (topic: string, payload: string) => string;
  /** One WebSocket message: its direction, its size and the MQTT packets inside. */
  frame: (sent: boolean, bytes: number, packets: string) => string;
  incomplete: string;
  /** After a packet that breaks MQTT 3.1.1's format (the annotator's table says which rule). */
  malformed: string;
  columns: [string, string, string, string];
  noneYet: { received: string; frames: string };
  /** Bad input, each sentence naming the MQTT rule broken. */
  invalid: {
    emptyTopic: string;
    emptyFilter: string;
    wildcardInTopic: (wildcard: string) => string;
    hashNotLast: string;
    plusNotWholeLevel: string;
    nulCharacter: string;
    topicTooLong: (bytes: number) => string;
    messageTooLong: (bytes: number, max: number) => string;
    notConnected: string;
  };
  /** A refusal the server explained: a sentence for its DEMO_ERR_… code, with the server's English words kept. */
  refusal: (code: string | undefined, serverMessage: string) => string;
}

export const MQTT_CLIENT_TEXT: Record<Locale, MqttClientText> = {
  en: {
    title: 'Live MQTT over WebSocket',
    hint: 'Nothing connects until you press Connect. The page then speaks MQTT 3.1.1 with MQTT.js through the demo server to mosquitto.',
    labels: {
      filter: 'Topic filter to subscribe to',
      topic: 'Topic to publish to',
      message: 'Message',
      status: 'Status:',
      received: 'MQTT messages received',
      frames: 'WebSocket messages, both ways, with the MQTT packets inside',
    },
    buttons: { connect: 'Connect', disconnect: 'Disconnect', subscribe: 'Subscribe', publish: 'Publish' },
    status: {
      idle: 'Not connected.',
      connecting: 'Connecting…',
      connected: (clientId) => `Connected as ${clientId}: the broker answered CONNACK, connection accepted.`,
      subscribed: (filter, qos) => `Subscribed to ${filter}: the broker granted QoS ${qos} in its SUBACK.`,
      subscribeRefused: (filter) => `The broker refused the subscription to ${filter} (SUBACK return code 0x80).`,
      published: (topic) => `Published to ${topic}.`,
      disconnected: 'Disconnected: the page sent DISCONNECT, then closed the connection, as MQTT 3.1.1 §3.14.4 requires of a client.',
      closed: (code, reason) => `The connection closed with ${code}${reason ? `: ${reason}` : ''}.`,
      unreachable: 'Could not connect.',
    },
    message: (topic, payload) => `${topic}: ${payload}`,
    frame: (sent, bytes, packets) => `${sent ? 'Page → server' : 'Server → page'}, ${bytes} ${bytes === 1 ? 'byte' : 'bytes'}: ${packets}`,
    incomplete: '(continues in the next message)',
    malformed: '(malformed)',
    columns: ['Bytes', 'Field', 'Value', 'MQTT 3.1.1'],
    noneYet: { received: 'None yet: subscribe, then publish to a topic the filter matches.', frames: 'None yet.' },
    invalid: {
      emptyTopic: 'A topic must be at least one character long (MQTT 3.1.1 §4.7.3).',
      emptyFilter: 'A topic filter must be at least one character long (MQTT 3.1.1 §4.7.3).',
      wildcardInTopic: (wildcard) =>
        `A topic you publish to must not contain the wildcard ${wildcard}: wildcards belong in topic filters only (MQTT 3.1.1 §3.3.2.1).`,
      hashNotLast:
        'The multi-level wildcard # must be the last character of the filter, alone in its level, as in sport/# (MQTT 3.1.1 §4.7.1.2).',
      plusNotWholeLevel: 'The single-level wildcard + must fill a whole level, as in sport/+/player1 (MQTT 3.1.1 §4.7.1.3).',
      nulCharacter: 'A topic must not contain the character U+0000 (MQTT 3.1.1 §1.5.3).',
      topicTooLong: (bytes) =>
        `A topic may have at most 65535 bytes of UTF-8 (MQTT 3.1.1 §1.5.3); this one has ${formatInteger(bytes, 'en')}.`,
      messageTooLong: (bytes, max) =>
        `This widget sends messages of up to ${formatInteger(max, 'en')} bytes, to stay far inside the demo relay's limit (DEMO_MQTT_MAX_MESSAGE_BYTES); this one has ${formatInteger(bytes, 'en')}.`,
      notConnected: 'Connect first.',
    },
    refusal: (code, serverMessage) => describeDemoError(code, serverMessage, 'en'),
  },
  'zh-CN': {
    title: '实时的 MQTT over WebSocket',
    hint: '按下“连接”之前不会建立任何连接。之后页面用 MQTT.js 说 MQTT 3.1.1，经演示服务器到达 mosquitto。',
    labels: {
      filter: '要订阅的主题过滤器',
      topic: '要发布到的主题',
      message: '消息',
      status: '状态：',
      received: '收到的 MQTT 消息',
      frames: '双向的 WebSocket 消息，以及其中的 MQTT 报文',
    },
    buttons: { connect: '连接', disconnect: '断开', subscribe: '订阅', publish: '发布' },
    status: {
      idle: '未连接。',
      connecting: '正在连接…',
      connected: (clientId) => `已以 ${clientId} 连接：消息代理回复了 CONNACK，接受连接。`,
      subscribed: (filter, qos) => `已订阅 ${filter}：消息代理在 SUBACK 中授予 QoS ${qos}。`,
      subscribeRefused: (filter) => `消息代理拒绝了对 ${filter} 的订阅（SUBACK 返回码 0x80）。`,
      published: (topic) => `已发布到 ${topic}。`,
      disconnected: '已断开：页面发送了 DISCONNECT，然后关闭了连接，这是 MQTT 3.1.1 §3.14.4 对客户端的要求。',
      closed: (code, reason) => `连接以 ${code} 关闭${reason ? `：${reason}` : ''}。`,
      unreachable: '无法连接。',
    },
    message: (topic, payload) => `${topic}：${payload}`,
    frame: (sent, bytes, packets) => `${sent ? '页面 → 服务器' : '服务器 → 页面'}，${bytes} 字节：${packets}`,
    incomplete: '（在下一条消息中继续）',
    malformed: '（格式错误）',
    columns: ['字节', '字段', '值', 'MQTT 3.1.1'],
    noneYet: { received: '还没有：先订阅，再发布到与过滤器匹配的主题。', frames: '还没有。' },
    invalid: {
      emptyTopic: '主题至少要有一个字符（MQTT 3.1.1 §4.7.3）。',
      emptyFilter: '主题过滤器至少要有一个字符（MQTT 3.1.1 §4.7.3）。',
      wildcardInTopic: (wildcard) => `发布用的主题不能包含通配符 ${wildcard}：通配符只能用在主题过滤器里（MQTT 3.1.1 §3.3.2.1）。`,
      hashNotLast: '多层通配符 # 必须是过滤器的最后一个字符，并独占一层，例如 sport/#（MQTT 3.1.1 §4.7.1.2）。',
      plusNotWholeLevel: '单层通配符 + 必须占满一整层，例如 sport/+/player1（MQTT 3.1.1 §4.7.1.3）。',
      nulCharacter: '主题不能包含字符 U+0000（MQTT 3.1.1 §1.5.3）。',
      topicTooLong: (bytes) => `主题的 UTF-8 编码最多 65535 字节（MQTT 3.1.1 §1.5.3），这个有 ${formatInteger(bytes, 'zh-CN')} 字节。`,
      messageTooLong: (bytes, max) =>
        `这个组件发送的消息最多 ${formatInteger(max, 'zh-CN')} 字节，远低于演示中继的上限（DEMO_MQTT_MAX_MESSAGE_BYTES）；这条有 ${formatInteger(bytes, 'zh-CN')} 字节。`,
      notConnected: '请先连接。',
    },
    refusal: (code, serverMessage) => describeDemoError(code, serverMessage, 'zh-CN'),
  },
};
