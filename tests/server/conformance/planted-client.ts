// Echo clients with flaws that can be planted, to prove that client mode (the fuzzing server) fails the right cases.
import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import WebSocket, { type ClientOptions } from 'ws';
import { FrameParser, MessageAssembler, encodeFrame, randomMaskingKey } from '../../../src/lib/protocol/index.ts';

/** One fuzzing-server run: the case count, each case by number, then the reports, one connection at a time. */
async function runCases(base: string, agent: string, connect: (url: string, echo: boolean) => Promise<string[]>): Promise<void> {
  const [count] = await connect(`${base}/getCaseCount`, false);
  for (let n = 1; n <= Number(count); n++) await connect(`${base}/runCase?case=${n}&agent=${agent}`, true);
  await connect(`${base}/updateReports?agent=${agent}`, false);
}

/**
 * A raw-TCP echo client on the protocol core. With `masks: false` it sends its frames unmasked, which a client must
 * never do (§5.1, §5.3): the server must fail the connection. With `masks: true` it is a plain, correct client.
 */
export function runRawClient(base: string, agent: string, options: { masks: boolean }): Promise<void> {
  return runCases(base, agent, (url, echo) => {
    const { hostname, port, pathname, search } = new URL(url);
    const key = randomBytes(16).toString('base64');
    const socket = connectTcp({ host: hostname, port: Number(port) });
    const send = (opcode: number, payload: Uint8Array) =>
      socket.write(encodeFrame({ opcode, payload, maskingKey: options.masks ? randomMaskingKey() : null }).bytes);
    const texts: string[] = [];
    return new Promise((resolve) => {
      let head = Buffer.alloc(0);
      let upgraded = false;
      const parser = new FrameParser({ sender: 'server' });
      const assembler = new MessageAssembler();
      socket.on('error', () => {});
      socket.on('close', () => resolve(texts));
      socket.on('connect', () =>
        socket.write(
          `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        ),
      );
      socket.on('data', (chunk: Buffer) => {
        let bytes: Uint8Array = chunk;
        if (!upgraded) {
          head = Buffer.concat([head, chunk]);
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) return;
          upgraded = true;
          bytes = head.subarray(end + 4);
        }
        for (const event of parser.push(bytes)) {
          if (event.kind === 'failed') return void socket.end();
          if (event.kind !== 'frame') continue;
          for (const message of assembler.push(event.decoded.frame)) {
            if (message.kind === 'ping') send(10, message.data);
            else if (message.kind === 'close')
              send(8, message.code === null ? new Uint8Array(0) : new Uint8Array([message.code >> 8, message.code & 0xff]));
            else if (message.kind === 'text') (texts.push(message.text), echo && send(1, message.data));
            else if (message.kind === 'binary' && echo) send(2, message.data);
          }
        }
      });
    });
  });
}

/** An echo client on ws with the given options, e.g. `skipUTF8Validation: true`, which lets invalid text through (breaks §8.1). */
export function runWsClient(base: string, agent: string, options: ClientOptions = {}): Promise<void> {
  return runCases(
    base,
    agent,
    (url, echo) =>
      new Promise((resolve) => {
        const texts: string[] = [];
        const socket = new WebSocket(url, options);
        socket.on('message', (data: Buffer, isBinary) => {
          if (!isBinary) texts.push(data.toString());
          if (echo) socket.send(data, { binary: isBinary });
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve(texts));
      }),
  );
}
