// Every word the recorded MQTT packets' tables show around the annotator's own, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';

export interface MqttPacketsText {
  who: { sent: string; received: string };
  caption: (who: string, type: string, bytes: number) => string;
  columns: [string, string, string, string];
}

export const MQTT_PACKETS_TEXT: Record<Locale, MqttPacketsText> = {
  en: {
    who: { sent: 'Page to broker', received: 'Broker to page' },
    caption: (who, type, bytes) => `${who}: ${type}, ${bytes} bytes in one binary frame`,
    columns: ['Bytes', 'Field', 'Value', 'MQTT 3.1.1'],
  },
  'zh-CN': {
    who: { sent: '页面到消息代理', received: '消息代理到页面' },
    caption: (who, type, bytes) => `${who}：${type}，一个二进制帧中的 ${bytes} 字节`,
    columns: ['字节', '字段', '值', 'MQTT 3.1.1'],
  },
};
