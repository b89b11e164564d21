// /ws/mqtt over real sockets: a ws client speaking MQTT through the relay to a real mosquitto on a free port, and every way it refuses or closes.
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { closeOf } from './auth-client.ts';
import { echoStillWorks } from './bad-input/raw-client.ts';
import { CLIENT_PACKETS } from '../../scripts/record-mqtt-session.ts';
import { freePort } from '../../scripts/free-port.ts';
import { mosquittoBinary, startMosquitto, type Mosquitto } from '../../server/mqtt/mosquitto.ts';
import { annotateMqttPackets } from '../../src/lib/protocol/mqtt-packets.ts';

const mosquitto = mosquittoBinary();
const packet = (name: string) => Buffer.from(CLIENT_PACKETS.find((p) => p.name === name)!.hex, 'hex');

/** Collects every binary message the relay sends, so a test can wait for a number of bytes whatever the TCP reads were. */
function collect(ws: WebSocket): { bytes: () => Buffer; waitFor: (length: number) => Promise<Buffer> } {
  let received = Buffer.alloc(0);
  ws.on('message', (data: Buffer) => (received = Buffer.concat([received, data])));
  return {
    bytes: () => received,
    waitFor: async (length) => {
      const deadline = Date.now() + 5000;
      while (received.length < length) {
        if (Date.now() > deadline) throw new Error(`the relay sent ${received.length} of ${length} bytes`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const taken = received.subarray(0, length);
      received = received.subarray(length);
      return taken;
    },
  };
}

async function openMqtt(base: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://${base}/ws/mqtt`, ['mqtt']);
  await once(ws, 'open');
  return ws;
}

/** The refusal's status and body, for a handshake the server must not accept. */
function refusalOf(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, protocols, { headers });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.once('open', () => reject(new Error('the handshake was accepted')));
    ws.once('error', reject);
  });
}

describe.skipIf(!mosquitto)(`/ws/mqtt${mosquitto ? '' : ' (mosquitto is not installed: skipped)'}`, () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  const url = () => `mqtt://127.0.0.1:${broker.port}`;

  it('starts its own mosquitto, chooses the mqtt subprotocol and relays CONNECT, SUBSCRIBE and PUBLISH byte for byte both ways', async () => {
    const { base } = await startDemo({ mqttBroker: true });
    const ws = await openMqtt(base);
    expect(ws.protocol).toBe('mqtt');
    // With a broker, a plain GET gets the usual answer of a WebSocket-only path.
    expect((await fetch(`http://${base}/ws/mqtt`)).status).toBe(426);
    const from = collect(ws);
    ws.send(packet('connect'));
    expect((await from.waitFor(4)).toString('hex')).toBe('20020000');
    ws.send(packet('subscribe'));
    expect(annotateMqttPackets(await from.waitFor(5))[0]!.type).toBe('SUBACK');
    ws.send(packet('publish'));
    // The broker sends the message back to its one subscriber: the same PUBLISH packet.
    expect((await from.waitFor(packet('publish').length)).equals(packet('publish'))).toBe(true);
    ws.send(packet('ping'));
    expect((await from.waitFor(2)).toString('hex')).toBe('d000');
    // After DISCONNECT the broker closes TCP, and the relay closes the WebSocket normally.
    ws.send(packet('disconnect'));
    expect(await closeOf(ws)).toMatchObject({ code: 1000 });
  });

  it('carries MQTT.js on the WebSocket API as a page has it: it offers mqtt, sends what it writes at once as one message, and closes after DISCONNECT itself', async () => {
    const { base } = await startDemo({ mqttUrl: url() });
    const offered: string[][] = [];
    const sent: Buffer[] = [];
    /** Who ended the connection: the page calling close(), or the close event, in the order they came. */
    const ending: string[] = [];
    // forceNativeWebSocket: the browser build's stream over the WHATWG WebSocket (Node's), as the widget runs it.
    const client = mqtt.connect(`ws://${base}/ws/mqtt`, {
      protocolVersion: 4,
      clientId: 'relaytest',
      reconnectPeriod: 0,
      forceNativeWebSocket: true,
      createWebsocket: (socketUrl: string, protocols: string[]) => {
        offered.push(protocols);
        const socket = new globalThis.WebSocket(socketUrl, protocols);
        const send = socket.send.bind(socket);
        socket.send = (data) => {
          sent.push(Buffer.from(data as Uint8Array));
          send(data);
        };
        const close = socket.close.bind(socket);
        socket.close = (...args) => {
          ending.push('page calls close()');
          close(...args);
        };
        socket.addEventListener('close', () => ending.push('close event'));
        return socket;
      },
    });
    await new Promise((resolve) => client.once('connect', resolve));
    expect(offered).toEqual([['mqtt']]);
    /** The packets of the next message the page sends. */
    const nextMessage = async () => {
      const before = sent.length;
      await expect.poll(() => sent.length).toBeGreaterThan(before);
      expect(sent).toHaveLength(before + 1);
      return annotateMqttPackets(sent.at(-1)!).map((p) => p.type);
    };
    client.publish('workshop/relay', 'one', { qos: 0 });
    expect(await nextMessage()).toEqual(['PUBLISH']);
    // Two packets written in the same moment share one message: packets and messages need not line up (MQTT 3.1.1 §6).
    client.publish('workshop/relay', 'two', { qos: 0 });
    client.publish('workshop/relay', 'three', { qos: 0 });
    expect(await nextMessage()).toEqual(['PUBLISH', 'PUBLISH']);
    // After DISCONNECT the client closes the network connection (MQTT 3.1.1 §3.14.4): here the page, not the broker.
    client.end();
    expect(await nextMessage()).toEqual(['DISCONNECT']);
    await expect.poll(() => ending).toContain('close event');
    expect(ending[0]).toBe('page calls close()');
  });

  it('closes with 1003 on a text frame, since MQTT travels in binary frames only, and keeps serving others', async () => {
    const { base } = await startDemo({ mqttUrl: url() });
    const ws = await openMqtt(base);
    ws.send('CONNECT');
    const { code, reason } = await closeOf(ws);
    expect(code).toBe(1003);
    expect(reason).toMatch(
      /^DEMO_ERR_MQTT_TEXT_FRAME: MQTT packets go in binary frames only \(MQTT 3\.1\.1 §6, \[MQTT-6\.0\.0-1\]\); this was a text frame\.$/,
    );
    expect(await echoStillWorks(base)).toBe('still serving');
  });

  it('refuses a handshake that does not offer the mqtt subprotocol with 400 and the rule', async () => {
    const { base } = await startDemo({ mqttUrl: url() });
    for (const protocols of [[], ['mqttv3.1', 'chat']]) {
      const { status, body } = await refusalOf(`ws://${base}/ws/mqtt`, protocols);
      expect(status).toBe(400);
      expect(body).toMatch(/^An MQTT client must offer the subprotocol "mqtt".*\[MQTT-6\.0\.0-3\]/);
    }
  });

  it('checks the Origin like every endpoint', async () => {
    const { base } = await startDemo({ mqttUrl: url() });
    const { status, body } = await refusalOf(`ws://${base}/ws/mqtt`, ['mqtt'], { Origin: 'https://elsewhere.example' });
    expect(status).toBe(403);
    expect(body).toMatch(/^Pages from "https:\/\/elsewhere\.example"/);
  });

  it('holds mqttMaxConnections: the next handshake gets 503 while the open one still works', async () => {
    const { base } = await startDemo({ mqttUrl: url(), mqttMaxConnections: 1 });
    const first = await openMqtt(base);
    const { status, body } = await refusalOf(`ws://${base}/ws/mqtt`, ['mqtt']);
    expect(status).toBe(503);
    expect(body).toMatch(/^The MQTT relay already carries 1 connections/);
    const from = collect(first);
    first.send(packet('connect'));
    expect((await from.waitFor(4)).toString('hex')).toBe('20020000');
    first.close();
    await once(first, 'close');
    // Its place is given back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    (await openMqtt(base)).close();
  });

  it('closes with 1009 on a message over mqttMaxMessageBytes', async () => {
    const { base } = await startDemo({ mqttUrl: url(), mqttMaxMessageBytes: 16 });
    const ws = await openMqtt(base);
    ws.send(Buffer.alloc(17));
    const { code, reason } = await closeOf(ws);
    expect(code).toBe(1009);
    expect(reason).toMatch(
      /^DEMO_ERR_MQTT_TOO_BIG: MQTT messages may have up to 16 bytes here \(DEMO_MQTT_MAX_MESSAGE_BYTES\); this had 17\.$/,
    );
  });

  it('closes a connection that carries nothing either way for mqttIdleTimeoutMs', async () => {
    const { base } = await startDemo({ mqttUrl: url(), mqttIdleTimeoutMs: 200 });
    const started = Date.now();
    const ws = await openMqtt(base);
    const { code, reason } = await closeOf(ws);
    expect(code).toBe(1000);
    expect(reason).toMatch(/^DEMO_ERR_MQTT_IDLE: No MQTT packet went either way for 0.2 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('closes promptly when the broker ends its connection while the relay has stopped reading from the page for it', async () => {
    // A broker that never reads: the relay's writes to it back up, so it pauses the page; then the broker goes away.
    const brokerSockets: Socket[] = [];
    const stalled = createServer({ pauseOnConnect: true }, (socket) => brokerSockets.push(socket));
    stalled.listen(0, '127.0.0.1');
    await once(stalled, 'listening');
    try {
      const port = (stalled.address() as { port: number }).port;
      const { base } = await startDemo({ mqttUrl: `mqtt://127.0.0.1:${port}`, mqttMaxMessageBytes: 64 * 1024 });
      const ws = await openMqtt(base);
      const chunk = Buffer.alloc(64 * 1024);
      // Until what the page queues stops draining: the relay no longer reads from it.
      for (let sentBytes = 0; ws.bufferedAmount < 4 * 1024 * 1024; sentBytes += chunk.length) {
        if (sentBytes > 64 * 1024 * 1024) throw new Error('the relay kept reading from the page');
        ws.send(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const closed = closeOf(ws);
      const started = Date.now();
      for (const socket of brokerSockets) socket.destroy();
      expect(await closed).toMatchObject({ code: 1000, reason: 'The MQTT broker closed its connection.' });
      // Not ws's 30-second close timeout: the relay read on until the page's answering Close.
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      stalled.close();
    }
  });

  it('closes with 1013 and a reason when the broker is down, and the other endpoints keep serving', async () => {
    const { base } = await startDemo({ mqttUrl: `mqtt://127.0.0.1:${await freePort()}` });
    const ws = await openMqtt(base);
    ws.send(packet('connect'));
    const { code, reason } = await closeOf(ws);
    expect(code).toBe(1013);
    expect(reason).toMatch(/^DEMO_ERR_MQTT_BROKER_DOWN: The relay could not reach its MQTT broker \(ECONNREFUSED\)/);
    expect(await echoStillWorks(base)).toBe('still serving');
  });
});

describe('/ws/mqtt without a broker', () => {
  it('refuses every handshake with 503, and tells a plain GET (all a page can read) why, with the code', async () => {
    const { base } = await startDemo();
    const { status, body } = await refusalOf(`ws://${base}/ws/mqtt`, ['mqtt']);
    expect(status).toBe(503);
    expect(body).toMatch(/^This demo server relays no MQTT.*DEMO_MQTT_BROKER=on/);
    const plain = await fetch(`http://${base}/ws/mqtt`);
    expect(plain.status).toBe(503);
    expect(await plain.text()).toMatch(/^DEMO_ERR_MQTT_UNAVAILABLE: This demo server relays no MQTT/);
    expect(await echoStillWorks(base)).toBe('still serving');
  });
});
