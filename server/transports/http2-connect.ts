// The RFC 8441 transport: an HTTP/2 extended CONNECT (`:method` CONNECT, `:protocol` websocket) becomes a ws WebSocket on that one stream.
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import * as wsModule from 'ws';
import type { Server, ServerOptions, WebSocket } from 'ws';
import { withoutConnectionHeaders } from '../http-responses.ts';

/** Whether a request is RFC 8441's extended CONNECT for WebSocket (§4, §5), as opposed to any other CONNECT or request. */
export function isWebSocketConnect(request: Http2ServerRequest): boolean {
  return request.httpVersionMajor === 2 && request.method === 'CONNECT' && request.headers[':protocol'] === 'websocket';
}

/** Refuses the stream with an HTTP status and a sentence, as the HTTP/1.1 transport refuses an upgrade. */
export function refuseStream(response: Http2ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (response.stream.destroyed) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...lowerCased(withoutConnectionHeaders(headers)) });
  response.end(`${message}\n`);
}

/** What ws's WebSocket needs to run on a stream it did not upgrade itself (`setSocket` is how WebSocketServer hands over). */
interface StreamSocket {
  setSocket(
    socket: unknown,
    head: Buffer,
    options: { allowSynchronousEvents: boolean; maxPayload: number; skipUTF8Validation: boolean },
  ): void;
  /** What ws's own upgrade sets once it has chosen a subprotocol and accepted extensions; `protocol` and `extensions` read them. */
  _protocol: string;
  _extensions: Record<string, unknown>;
}

/** The parts of ws that negotiate permessage-deflate and subprotocols; exported by ws, but not in its type definitions. */
interface WsNegotiation {
  extension: { parse(header: string): Record<string, object[]>; format(extensions: Record<string, object[]>): string };
  PerMessageDeflate: {
    extensionName: string;
    new (options: object): { accept(offers: object[]): object; params: object };
  };
  subprotocol: { parse(header: string): Set<string> };
}
const negotiation = wsModule as unknown as WsNegotiation;

const NO_HEAD = Buffer.alloc(0);

/**
 * Answers 200 and runs ws's WebSocket, server side, on the HTTP/2 stream, with the options of the ws server that
 * would have taken the same request on HTTP/1.1: its maxPayload, autoPong, closeTimeout and permessage-deflate
 * setting. ws implements no RFC 8441 (websockets/ws#1458), so this does what its handleUpgrade and completeUpgrade do
 * after the key checks: pick a subprotocol with the server's handleProtocols, accept a permessage-deflate offer with
 * ws's own PerMessageDeflate, and put both in the response, which RFC 8441 §5 keeps as in RFC 6455 (§4.2.2). There
 * is no Sec-WebSocket-Accept: the stream itself is the handshake (RFC 8441 §5). The stream is a Duplex, which is all
 * ws's receiver and sender use; `setSocket` calls `setNoDelay` only where it exists. Returns the WebSocket and the
 * response's header lines as sent, or a refusal's reason when the offer cannot be parsed (ws answers that with 400).
 */
export function openStreamSocket<T extends typeof WebSocket>(
  wss: Server<T>,
  request: Http2ServerRequest,
  response: Http2ServerResponse,
): { ws: InstanceType<T>; responseLines: string[] } | { refusal: string } {
  const options = wss.options as unknown as ServerOptions & {
    WebSocket: new (address: null, protocols: undefined, options: object) => InstanceType<T>;
  };
  const headers: Record<string, string> = { ':status': '200', date: new Date().toUTCString() };
  let protocol: string | false = false;
  const extensions: Record<string, object> = {};
  try {
    const offered = request.headers['sec-websocket-protocol'];
    if (typeof offered === 'string') {
      const protocols = negotiation.subprotocol.parse(offered);
      protocol = options.handleProtocols
        ? options.handleProtocols(protocols, request as never)
        : (protocols.values().next().value ?? false);
    }
    const offers = request.headers['sec-websocket-extensions'];
    if (options.perMessageDeflate && typeof offers === 'string') {
      const name = negotiation.PerMessageDeflate.extensionName;
      const deflate = new negotiation.PerMessageDeflate({
        ...(options.perMessageDeflate as object),
        isServer: true,
        maxPayload: options.maxPayload,
      });
      const parsed = negotiation.extension.parse(offers);
      if (parsed[name]) {
        deflate.accept(parsed[name]);
        extensions[name] = deflate;
        headers['sec-websocket-extensions'] = negotiation.extension.format({ [name]: [deflate.params] });
      }
    }
  } catch (error) {
    return {
      refusal: `${(error as Error).message}, so the Sec-WebSocket-Protocol or Sec-WebSocket-Extensions field cannot be read (RFC 6455 §4.2.1, RFC 8441 §5).`,
    };
  }
  if (protocol) headers['sec-websocket-protocol'] = protocol;
  // The Date too is ours, not Node's default, so the lines the inspector reports are what went out.
  response.stream.respond(headers);
  const ws = new options.WebSocket(null, undefined, options);
  const socket = ws as unknown as StreamSocket;
  if (protocol) socket._protocol = protocol;
  if (Object.keys(extensions).length > 0) socket._extensions = extensions;
  socket.setSocket(response.stream, NO_HEAD, {
    allowSynchronousEvents: options.allowSynchronousEvents ?? true,
    maxPayload: options.maxPayload ?? 100 * 1024 * 1024,
    skipUTF8Validation: options.skipUTF8Validation ?? false,
  });
  const responseLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return { ws, responseLines };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
