// The shape every /ws/trouble symptom module has: a name, and what it does before and after the upgrade.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Upgrade, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';

export interface Symptom {
  /** The value of `?symptom=` that asks for it. */
  readonly name: string;
  /** A refusal or a hand-written answer instead of the upgrade; absent (or null) lets ws upgrade as usual. */
  beforeUpgrade?(request: IncomingMessage, options: DemoServerOptions, ip: string): UpgradeDecision | null;
  /** What the server does with the upgraded connection. */
  onConnection?(socket: WebSocket, options: DemoServerOptions, connection: TroubleConnection): void;
}

/** What a symptom knows about its connection. */
export interface TroubleConnection {
  upgrade: Upgrade;
  request: IncomingMessage;
  /** The client address the connection caps counted it under. */
  ip: string;
}

/** The underlying TCP socket's byte count, which grows with everything the server sends, pings included. */
export function bytesWrittenBy(upgrade: Upgrade): () => number {
  const stream = upgrade.stream as Upgrade['stream'] & { bytesWritten?: number };
  return () => stream.bytesWritten ?? 0;
}
