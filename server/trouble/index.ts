// /ws/trouble?symptom=…: reproduces, on request, what readers search for when WebSocket goes wrong; one module per symptom.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Upgrade, UpgradeDecision } from '../index.ts';
import { demoError } from '../demo-errors.ts';
import type { DemoServerOptions } from '../limits.ts';
import { drop } from './drop.ts';
import { foreignOrigin } from './foreign-origin.ts';
import { idleCut, idleCutWithHeartbeat } from './idle-cut.ts';
import { fragmentsCut, merged } from './merged.ts';
import { missingUpgrade } from './missing-upgrade.ts';
import { proxyDroppedUpgrade } from './proxy-dropped-upgrade.ts';
import { showHeaders } from './show-headers.ts';
import type { Symptom } from './symptom.ts';
import { tooMany } from './too-many.ts';
import { status200, status400, status404 } from './wrong-status.ts';

export const path = '/ws/trouble';

export const SYMPTOMS: readonly Symptom[] = [
  drop,
  idleCut,
  idleCutWithHeartbeat,
  status200,
  status400,
  status404,
  missingUpgrade,
  proxyDroppedUpgrade,
  foreignOrigin,
  merged,
  fragmentsCut,
  tooMany,
  showHeaders,
];

/** The symptom the handshake asked for, and the address it was counted under, from the guard to the connection. */
const accepted = new WeakMap<IncomingMessage, { symptom: Symptom; ip: string }>();

function symptomOf(request: IncomingMessage): Symptom | undefined {
  const name = new URL(request.url ?? '/', 'http://localhost').searchParams.get('symptom');
  return SYMPTOMS.find((symptom) => symptom.name === name);
}

export function beforeUpgrade(request: IncomingMessage, options: DemoServerOptions, ip: string): UpgradeDecision | null {
  const symptom = symptomOf(request);
  if (!symptom) {
    const names = SYMPTOMS.map((s) => s.name).join(', ');
    return {
      refusal: demoError('DEMO_ERR_TROUBLE_UNKNOWN_SYMPTOM', `Ask /ws/trouble for one symptom with ?symptom=, one of: ${names}.`),
    };
  }
  const decision = symptom.beforeUpgrade?.(request, options, ip) ?? null;
  if (!decision) accepted.set(request, { symptom, ip });
  return decision;
}

export function onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void {
  const found = accepted.get(request);
  if (!found) return void socket.terminate();
  // Every symptom ends by itself; this bounds the ones that would not (a heartbeat keeps a connection up for ever).
  const timer = setTimeout(() => {
    const over = demoError('DEMO_ERR_TROUBLE_SESSION_OVER', `A /ws/trouble connection lasts at most ${options.troubleMaxSessionMs} ms.`);
    socket.close(over.status, over.closeReason);
  }, options.troubleMaxSessionMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  found.symptom.onConnection?.(socket, options, { upgrade, request, ip: found.ip });
}
