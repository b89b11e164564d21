// Every word the §5.2 frame figure shows (labels, values, its SVG description), in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';
import type { FrameField } from '../lib/protocol/frame.ts';

export interface FrameLayoutText {
  /** The fields' names as the §5.2 figure writes them; the bits' names stay as the RFC draws them. */
  fieldLabels: Record<FrameField, string>;
  /** A field's label on its second and later rows. */
  continued: (label: string) => string;
  /** The payload's size under its label. */
  payloadBytes: (count: number) => string;
  /** One field in the figure's description, for screen readers. */
  describeBox: (label: string, bits: number, value: string) => string;
  /** Between the fields in the description. */
  separator: string;
}

export const FRAME_LAYOUT_TEXT: Record<Locale, FrameLayoutText> = {
  en: {
    fieldLabels: {
      fin: 'FIN',
      rsv1: 'RSV1',
      rsv2: 'RSV2',
      rsv3: 'RSV3',
      opcode: 'opcode',
      mask: 'MASK',
      'payload-length': 'Payload len',
      'extended-payload-length': 'Extended payload length',
      'masking-key': 'Masking key',
      payload: 'Payload data',
    },
    continued: (label) => `${label} (cont.)`,
    payloadBytes: (count) => `${count} bytes`,
    describeBox: (label, bits, value) => `${label} (${bits} bit${bits === 1 ? '' : 's'}): ${value}`,
    separator: '; ',
  },
  'zh-CN': {
    fieldLabels: {
      fin: 'FIN',
      rsv1: 'RSV1',
      rsv2: 'RSV2',
      rsv3: 'RSV3',
      opcode: '操作码',
      mask: 'MASK',
      'payload-length': '载荷长度',
      'extended-payload-length': '扩展载荷长度',
      'masking-key': '掩码键',
      payload: '载荷数据',
    },
    continued: (label) => `${label}（续）`,
    payloadBytes: (count) => `${count} 字节`,
    describeBox: (label, bits, value) => `${label}（${bits} 位）：${value}`,
    separator: '；',
  },
};
