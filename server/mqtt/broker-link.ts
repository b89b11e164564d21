// Where the /ws/mqtt relay finds its MQTT broker: a fixed mqtt://host:port (DEMO_MQTT_URL), or mosquitto started on loopback when first needed (DEMO_MQTT_BROKER).
import type { DemoServerOptions } from '../limits.ts';
import { startMosquitto, type Mosquitto } from './mosquitto.ts';

/** MQTT's registered TCP port (IANA), when DEMO_MQTT_URL names none. */
const MQTT_DEFAULT_PORT = 1883;

export interface BrokerAddress {
  host: string;
  port: number;
}

export interface MqttBrokerLink {
  /** Where each relayed connection opens TCP; rejects when the broker could not be started. */
  address(): Promise<BrokerAddress>;
  /** The relayed connections open now, against mqttMaxConnections. */
  open: number;
  close(): Promise<void>;
}

/** The broker the options name, or null when MQTT is off: then /ws/mqtt refuses every handshake with 503. */
export function linkToBroker(options: Pick<DemoServerOptions, 'mqttUrl' | 'mqttBroker'>): MqttBrokerLink | null {
  if (options.mqttUrl !== '') {
    const url = new URL(options.mqttUrl);
    const fixed: BrokerAddress = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || MQTT_DEFAULT_PORT) };
    return { address: () => Promise.resolve(fixed), open: 0, close: async () => {} };
  }
  if (!options.mqttBroker) return null;
  // Started on the first relayed connection, not with the server: most npm start processes (every test's) never
  // relay MQTT, and would each carry an idle broker.
  let started: Promise<Mosquitto> | undefined;
  return {
    address: () => {
      started ??= startMosquitto();
      return started.then(({ host, port }) => ({ host, port }));
    },
    open: 0,
    // A broker that failed to start was reported to the connections that asked (address() rejected).
    close: async () => {
      await started?.then((broker) => broker.stop()).catch(() => {});
    },
  };
}
