// Records a real MQTT 3.1.1 exchange with Debian's mosquitto, byte for byte, for the MQTT page's annotated packets: connect, subscribe, publish to the subscribed topic (so the broker sends it back), ping, disconnect.
// Run with `npm run record:mqtt`; tests/server/mqtt-packets.test.ts fails when the committed file is out of date.
// Debian's mosquitto 2.0.11 has no WebSocket listener (it says "Unable to start any listening sockets"), so the
// recording is over TCP: the packets are the same bytes a page would put in WebSocket binary frames (MQTT 3.1.1 §6).
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { startMosquitto } from '../server/mqtt/mosquitto.ts';

export { startMosquitto };

export const MQTT_RECORDING_PATH = 'src/data/recordings/mqtt-session.json';

export interface MqttRecording {
  about: string;
  /** What the client sent and what the broker sent back, each step's bytes as hex. */
  steps: { name: string; sent: string; received: string }[];
}

/** The client's packets, as hex literals: a fixed client id and packet ids, so the recording never changes by itself. */
export const CLIENT_PACKETS: { name: string; hex: string; answers: number }[] = [
  // CONNECT: "MQTT", level 4, clean session, keep alive 60 s, client id "workshop".
  { name: 'connect', hex: '101400044d5154540402003c0008776f726b73686f70', answers: 4 },
  // SUBSCRIBE, packet id 1: "workshop/demo" at QoS 0.
  { name: 'subscribe', hex: '82120001000d776f726b73686f702f64656d6f00', answers: 5 },
  // PUBLISH at QoS 0 to "workshop/demo": "Hello, MQTT". The broker sends it back to this subscriber.
  { name: 'publish', hex: '301a000d776f726b73686f702f64656d6f48656c6c6f2c204d515454', answers: 28 },
  // PINGREQ.
  { name: 'ping', hex: 'c000', answers: 2 },
  // DISCONNECT: the broker closes the connection and answers nothing.
  { name: 'disconnect', hex: 'e000', answers: 0 },
];

/** Plays CLIENT_PACKETS against a broker on `port`, waiting after each for the bytes it answers. */
export async function recordMqttSession(port: number): Promise<MqttRecording> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (buffered = Buffer.concat([buffered, chunk])));
  const steps: MqttRecording['steps'] = [];
  for (const packet of CLIENT_PACKETS) {
    socket.write(Buffer.from(packet.hex, 'hex'));
    const deadline = Date.now() + 5000;
    while (buffered.length < packet.answers) {
      if (Date.now() > deadline) throw new Error(`mosquitto answered ${packet.name} with ${buffered.length} of ${packet.answers} bytes`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    steps.push({ name: packet.name, sent: packet.hex, received: buffered.subarray(0, packet.answers).toString('hex') });
    buffered = buffered.subarray(packet.answers);
  }
  await once(socket, 'close');
  return {
    about:
      "A real MQTT 3.1.1 exchange with Debian's mosquitto over TCP, recorded by scripts/record-mqtt-session.ts; the same bytes travel in WebSocket binary frames.",
    steps,
  };
}

if (import.meta.main) {
  const broker = await startMosquitto();
  try {
    writeFileSync(MQTT_RECORDING_PATH, `${JSON.stringify(await recordMqttSession(broker.port), null, 2)}\n`);
    console.log(`Wrote ${MQTT_RECORDING_PATH}.`);
  } finally {
    await broker.stop();
  }
}
