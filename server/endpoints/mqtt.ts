// /ws/mqtt: relays MQTT between a browser (WebSocket, subprotocol mqtt) and a broker over TCP, byte for byte, both ways.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import type { DemoServices, Upgrade, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { demoError, type DemoProtocolError } from '../demo-errors.ts';

export const path = '/ws/mqtt';

/**
 * The one name MQTT over WebSocket uses: the client must offer it and the server must choose it (MQTT 3.1.1 §6,
 * [MQTT-6.0.0-3] and [MQTT-6.0.0-4]; the same in MQTT 5.0 §6).
 */
export const MQTT_SUBPROTOCOL = 'mqtt';
export const subprotocols = [MQTT_SUBPROTOCOL] as const;

/** Only admits or refuses, so HTTP/2's extended CONNECT (RFC 8441) is held to the same rules. */
export const admitsOnEveryTransport = true;

/**
 * Why the endpoint cannot serve at all, or null. A browser never sees a refused handshake's status or body, so the
 * widget asks with a plain GET, which gets this answer too.
 */
export function unavailable(services: DemoServices): DemoProtocolError | null {
  if (services.mqtt) return null;
  return demoError(
    'DEMO_ERR_MQTT_UNAVAILABLE',
    'This demo server relays no MQTT: it was started without a broker (set DEMO_MQTT_BROKER=on to start mosquitto on loopback, or DEMO_MQTT_URL=mqtt://host:port).',
  );
}

export function beforeUpgrade(
  request: IncomingMessage,
  options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  const broker = services.mqtt;
  if (!broker) return { refusal: unavailable(services)! };
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((name) => name.trim());
  if (!offered.includes(MQTT_SUBPROTOCOL)) {
    return {
      refusal: demoError(
        'DEMO_ERR_MQTT_SUBPROTOCOL',
        'An MQTT client must offer the subprotocol "mqtt" in Sec-WebSocket-Protocol (MQTT 3.1.1 §6, [MQTT-6.0.0-3]), and this request does not.',
      ),
    };
  }
  if (broker.open >= options.mqttMaxConnections) {
    return {
      refusal: demoError(
        'DEMO_ERR_MQTT_FULL',
        `The MQTT relay already carries ${options.mqttMaxConnections} connections, its limit (DEMO_MQTT_MAX_CONNECTIONS); try again later.`,
      ),
      headers: { 'Retry-After': '5' },
    };
  }
  return null;
}

export function onConnection(
  socket: WebSocket,
  options: DemoServerOptions,
  _request: IncomingMessage,
  upgrade: Upgrade,
  services: DemoServices,
): void {
  const broker = services.mqtt!;
  broker.open++;
  socket.once('close', () => broker.open--);
  // Nothing is read from the page until the broker's end is open, so nothing piles up here meanwhile.
  socket.pause();
  let tcp: Socket | null = null;
  // What arrived in the moment before pause() took hold; sent to the broker once its end is open.
  const early: Buffer[] = [];
  let idleTimer: NodeJS.Timeout | undefined;
  const stillIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      const seconds = options.mqttIdleTimeoutMs / 1000;
      closeFor(
        demoError(
          'DEMO_ERR_MQTT_IDLE',
          `No MQTT packet went either way for ${seconds} s (DEMO_MQTT_IDLE_TIMEOUT_MS), so the relay closed.`,
        ),
      );
    }, options.mqttIdleTimeoutMs);
    idleTimer.unref();
  };
  socket.once('close', () => {
    clearTimeout(idleTimer);
    tcp?.destroy();
  });
  stillIdle();
  // A paused socket would not read the page's answering Close, and the close handshake would wait out closeGraceMs.
  const closeFor = (error: DemoProtocolError) => {
    socket.resume();
    upgrade.closeForViolation(error);
  };
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = checkedPacketBytes(socket, options, upgrade, data, isBinary);
    if (!bytes) return;
    stillIdle();
    if (!tcp || tcp.connecting) early.push(bytes);
    else if (!tcp.write(bytes)) {
      socket.pause();
      tcp.once('drain', () => socket.resume());
    }
  });

  broker.address().then(
    (address) => {
      if (socket.readyState !== socket.OPEN) return;
      tcp = connect(address.port, address.host);
      tcp.setNoDelay(true);
      let connected = false;
      tcp.once('connect', () => {
        connected = true;
        for (const bytes of early.splice(0)) tcp!.write(bytes);
        socket.resume();
      });
      tcp.on('data', (chunk: Buffer) => toPage(socket, tcp!, options, chunk, stillIdle));
      tcp.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected) closeFor(brokerDown(error.code ?? error.message));
      });
      tcp.once('close', () => {
        // The broker ends the network connection after DISCONNECT or a protocol error of the client's (MQTT 3.1.1 §4.8).
        if (!connected || socket.readyState !== socket.OPEN) return;
        // The page may be paused for a broker that stopped reading; its 'drain' will never come now.
        socket.resume();
        socket.close(1000, 'The MQTT broker closed its connection.');
      });
    },
    (error: Error) => closeFor(brokerDown(error.message.split('\n')[0]!)),
  );
}

function brokerDown(cause: string): DemoProtocolError {
  return demoError('DEMO_ERR_MQTT_BROKER_DOWN', `The relay could not reach its MQTT broker (${cause}); try again later.`);
}

/** One message from the page as bytes for the broker, or null when it broke a rule (and the connection is closing). */
function checkedPacketBytes(
  socket: WebSocket,
  options: DemoServerOptions,
  upgrade: Upgrade,
  data: RawData,
  isBinary: boolean,
): Buffer | null {
  if (socket.readyState !== socket.OPEN) return null;
  if (!isBinary) {
    // [MQTT-6.0.0-1]: MQTT control packets go in binary frames; a receiver of any other data frame closes.
    upgrade.closeForViolation(
      demoError(
        'DEMO_ERR_MQTT_TEXT_FRAME',
        'MQTT packets go in binary frames only (MQTT 3.1.1 §6, [MQTT-6.0.0-1]); this was a text frame.',
      ),
    );
    return null;
  }
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (bytes.length > options.mqttMaxMessageBytes) {
    upgrade.closeForViolation(
      demoError(
        'DEMO_ERR_MQTT_TOO_BIG',
        `MQTT messages may have up to ${options.mqttMaxMessageBytes} bytes here (DEMO_MQTT_MAX_MESSAGE_BYTES); this had ${bytes.length}.`,
      ),
    );
    return null;
  }
  return bytes;
}

/** Bytes from the broker, one binary message per TCP read: packets need not line up with frames ([MQTT-6.0.0-2]). */
function toPage(socket: WebSocket, tcp: Socket, options: DemoServerOptions, chunk: Buffer, stillIdle: () => void): void {
  if (socket.readyState !== socket.OPEN) return;
  stillIdle();
  if (socket.bufferedAmount + chunk.length <= options.maxBufferedBytes) {
    socket.send(chunk, { binary: true });
    return;
  }
  // A page that reads slower than the broker sends: stop reading from the broker until the page has caught up.
  tcp.pause();
  socket.send(chunk, { binary: true }, () => {
    if (tcp.isPaused() && socket.bufferedAmount <= options.maxBufferedBytes) tcp.resume();
  });
}
