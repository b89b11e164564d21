// The MQTT annotator's words (field titles and value phrases) in each language the site speaks; bytes, numbers, packet type names and quoted strings stay as they are.

export interface MqttPacketText {
  titles: {
    fixedHeader: string;
    remainingLength: string;
    remainingLengthCut: string;
    remainingLengthMalformed: string;
    afterMalformed: string;
    protocolName: string;
    protocolLevel: string;
    connectFlags: string;
    keepAlive: string;
    clientId: string;
    willTopic: string;
    willMessage: string;
    userName: string;
    password: string;
    acknowledgeFlags: string;
    returnCode: string;
    topicName: string;
    packetId: string;
    payload: string;
    topicFilter: string;
    requestedQos: string;
    unexplained: string;
  };
  typeAndFlags: (type: string, flags: string) => string;
  moreLengthBytes: string;
  /** A fourth remaining-length byte that sets the continuation bit (MQTT 3.1.1 §2.2.3). */
  tooManyLengthBytes: string;
  /** Packet types 0 and 15 (MQTT 3.1.1 §2.2.1). */
  reservedType: string;
  /** A PUBLISH with QoS bits 11 (MQTT 3.1.1 §3.3.1.2). */
  bothQosBits: string;
  /** Fixed-header flags other than the ones the type must carry (MQTT 3.1.1 §2.2.2). */
  flagsMustBe: (expected: string) => string;
  bytes: (count: number) => string;
  seconds: (count: number) => string;
  string: (length: number, text: string) => string;
  payload: (count: number, text: string) => string;
  connectFlagNames: { userName: string; password: string; willRetain: string; will: string; cleanSession: string; none: string };
  willQos: (qos: number) => string;
  sessionPresent: (present: boolean) => string;
  /** CONNACK return codes 0–5 (MQTT 3.1.1 §3.2.2.3), then the word for any other. */
  connackCodes: string[];
  reserved: string;
  subackFailure: string;
  grantedQos: (qos: number) => string;
}

/** The site's languages (the same two as src/lib/i18n/locale.ts); the protocol core imports nothing from outside it. */
export type MqttPacketLocale = 'en' | 'zh-CN';

export const MQTT_PACKET_TEXT: Record<MqttPacketLocale, MqttPacketText> = {
  en: {
    titles: {
      fixedHeader: 'Fixed header: packet type and flags',
      remainingLength: 'Remaining length',
      remainingLengthCut: 'Remaining length (cut off)',
      remainingLengthMalformed: 'Remaining length (malformed)',
      afterMalformed: 'Bytes after a malformed remaining length',
      protocolName: 'Protocol name',
      protocolLevel: 'Protocol level',
      connectFlags: 'Connect flags',
      keepAlive: 'Keep alive',
      clientId: 'Client identifier',
      willTopic: 'Will topic',
      willMessage: 'Will message',
      userName: 'User name',
      password: 'Password',
      acknowledgeFlags: 'Acknowledge flags',
      returnCode: 'Return code',
      topicName: 'Topic name',
      packetId: 'Packet identifier',
      payload: 'Payload',
      topicFilter: 'Topic filter',
      requestedQos: 'Requested QoS',
      unexplained: 'Unexplained bytes of this packet',
    },
    typeAndFlags: (type, flags) => `${type}, flags ${flags}`,
    moreLengthBytes: 'more length bytes to come',
    tooManyLengthBytes: 'malformed: the fourth byte says another follows, but the remaining length has at most four bytes',
    reservedType: 'malformed: a reserved packet type, which no one may send',
    bothQosBits: 'malformed: a PUBLISH must not set both QoS bits',
    flagsMustBe: (expected) => `malformed: this packet type must carry the flags ${expected}`,
    bytes: (count) => `${count} ${count === 1 ? 'byte' : 'bytes'}`,
    seconds: (count) => `${count} ${count === 1 ? 'second' : 'seconds'}`,
    string: (length, text) => `length ${length}, "${text}"`,
    payload: (count, text) => `${count} ${count === 1 ? 'byte' : 'bytes'}: "${text}"`,
    connectFlagNames: {
      userName: 'user name',
      password: 'password',
      willRetain: 'will retain',
      will: 'will',
      cleanSession: 'clean session',
      none: 'none',
    },
    willQos: (qos) => `will QoS ${qos}`,
    sessionPresent: (present) => (present ? 'session present' : 'no session present'),
    connackCodes: [
      'Connection Accepted',
      'refused: unacceptable protocol version',
      'refused: identifier rejected',
      'refused: server unavailable',
      'refused: bad user name or password',
      'refused: not authorized',
    ],
    reserved: 'reserved',
    subackFailure: '0x80: failure',
    grantedQos: (qos) => `granted QoS ${qos}`,
  },
  'zh-CN': {
    titles: {
      fixedHeader: '固定报头：报文类型和标志',
      remainingLength: '剩余长度',
      remainingLengthCut: '剩余长度（被截断）',
      remainingLengthMalformed: '剩余长度（格式错误）',
      afterMalformed: '格式错误的剩余长度之后的字节',
      protocolName: '协议名',
      protocolLevel: '协议级别',
      connectFlags: '连接标志',
      keepAlive: '保活时间',
      clientId: '客户端标识符',
      willTopic: '遗嘱主题',
      willMessage: '遗嘱消息',
      userName: '用户名',
      password: '密码',
      acknowledgeFlags: '确认标志',
      returnCode: '返回码',
      topicName: '主题名',
      packetId: '报文标识符',
      payload: '载荷',
      topicFilter: '主题过滤器',
      requestedQos: '请求的 QoS',
      unexplained: '这个报文中未解释的字节',
    },
    typeAndFlags: (type, flags) => `${type}，标志 ${flags}`,
    moreLengthBytes: '后面还有长度字节',
    tooManyLengthBytes: '格式错误：第四个字节表示后面还有，但剩余长度最多只有四个字节',
    reservedType: '格式错误：这是保留的报文类型，谁都不能发送',
    bothQosBits: '格式错误：PUBLISH 不能同时设置两个 QoS 位',
    flagsMustBe: (expected) => `格式错误：这种报文类型的标志必须是 ${expected}`,
    bytes: (count) => `${count} 字节`,
    seconds: (count) => `${count} 秒`,
    string: (length, text) => `长度 ${length}，"${text}"`,
    payload: (count, text) => `${count} 字节："${text}"`,
    connectFlagNames: {
      userName: '用户名',
      password: '密码',
      willRetain: '遗嘱保留',
      will: '遗嘱',
      cleanSession: '清理会话',
      none: '无',
    },
    willQos: (qos) => `遗嘱 QoS ${qos}`,
    sessionPresent: (present) => (present ? '有已存会话' : '没有已存会话'),
    connackCodes: [
      '接受连接',
      '拒绝：不支持的协议版本',
      '拒绝：客户端标识符不合格',
      '拒绝：服务端不可用',
      '拒绝：用户名或密码错误',
      '拒绝：未授权',
    ],
    reserved: '保留',
    subackFailure: '0x80：失败',
    grantedQos: (qos) => `授予 QoS ${qos}`,
  },
};
