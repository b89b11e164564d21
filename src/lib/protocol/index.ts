// The public API of the RFC 6455 protocol core: import from here, not from the files behind it.
export { hex, base64Encode, base64Decode } from './bytes.ts';
export { WEBSOCKET_GUID, checkKey, explainAccept, computeAccept, type RuleBroken, type KeyCheck, type AcceptSteps } from './handshake.ts';
export {
  WEBSOCKET_VERSION,
  checkVersion,
  checkSubprotocols,
  checkSelectedSubprotocol,
  checkExtensions,
  type HandshakeRefusal,
  type VersionCheck,
  type SubprotocolsCheck,
  type ExtensionOffer,
  type ExtensionsCheck,
} from './handshake-headers.ts';
export { OPCODES, Opcode, opcodeInfo, localizeOpcode, type OpcodeInfo, type DefinedOpcode, type SentBy } from './opcodes.ts';
export {
  CLOSE_CODES,
  CloseCode,
  closeCodeInfo,
  localizeCloseCode,
  isSendableCloseCode,
  type CloseCodeInfo,
  type CloseCodeKind,
} from './close-codes.ts';
export {
  FRAME_FIELDS,
  fieldSpan,
  isControlOpcode,
  type Frame,
  type Sender,
  type LengthEncoding,
  type FrameField,
  type FieldSpan,
  type ByteRange,
} from './frame.ts';
export { mask, unmask, randomMaskingKey } from './mask.ts';
export { UTF8_START, continueUtf8, isUtf8Complete, isValidUtf8, type Utf8State, type Utf8Step } from './utf8.ts';
export { VIOLATIONS, violation, receiverPolicy, localizeViolation, type Violation, type ViolationId } from './violations.ts';
export {
  ANNOTATION_TEXT,
  VIOLATION_EXPLANATIONS_ZH,
  RECEIVER_POLICY_TEXT,
  VIOLATION_REPORT_TEXT,
  OPCODE_WORDS_ZH,
  CLOSE_CODE_WORDS_ZH,
  type AnnotationText,
  type ReceiverPolicyText,
  type ViolationReportText,
  type RegistryWords,
} from './protocol-text.ts';
export {
  DECODE_DEFAULTS,
  decodeFrame,
  type DecodeOptions,
  type DecodeResult,
  type DecodedFrame,
  type IncompleteFrame,
  type OpenMessage,
  type ExtensionBits,
} from './decode-frame.ts';
export { encodeFrame, minimalLengthEncoding, type FrameToEncode, type EncodedFrame, type EncodeOptions } from './encode-frame.ts';
export { FrameParser, type ParserOptions, type ParserEvent } from './frame-parser.ts';
export { MessageAssembler, type AssembledEvent } from './message-assembler.ts';
export {
  annotateFrame,
  spacedHex,
  type AnnotateOptions,
  type FrameAnnotation,
  type ByteSegment,
  type FieldNote,
} from './annotate-frame.ts';
export {
  PERMESSAGE_DEFLATE,
  explainDeflateParameters,
  deflateAgreement,
  type NegotiationSide,
  type DeflateParameterNote,
  type DeflateAgreement,
} from './deflate-parameters.ts';
export { DEFLATE_PARAMETER_TEXT, type DeflateParameterText } from './deflate-parameters-text.ts';
export { SYNC_FLUSH_TAIL, INFLATE_DEFAULTS, MessageInflater, type InflaterOptions } from './inflate-message.ts';
export { MQTT_PACKET_TYPES, annotateMqttPackets, type MqttPacket, type MqttSegment } from './mqtt-packets.ts';
export { MQTT_PACKET_TEXT, type MqttPacketLocale, type MqttPacketText } from './mqtt-packets-text.ts';
export {
  ENGINE_IO_PACKET_TYPES,
  SOCKET_IO_PACKET_TYPES,
  annotateSocketIoSession,
  type SocketIoFrame,
  type SocketIoMessageNote,
  type SocketIoPart,
} from './socket-io-packets.ts';
export { SOCKET_IO_PACKET_TEXT, type SocketIoPacketText } from './socket-io-packets-text.ts';
