// Preloaded with --import into each server the load benchmark starts: answers the orchestrator's IPC requests with the process's own RSS and CPU time.
// The server's code stays exactly what production runs; this only adds an IPC listener that is idle while load runs.
import { setTimeout as delay } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import type { ProbeReply, ProbeRequest } from './load-messages.ts';

const collectGarbage = globalThis.gc;
const reply = process.send?.bind(process);
if (!collectGarbage || !reply) {
  throw new Error('bench/memory-probe.ts must be preloaded into a process started with --expose-gc and an IPC channel.');
}

process.on('message', (message: ProbeRequest) => {
  void read(message.op === 'settle').then((figures) => reply(figures));
});
// If the orchestrator dies, so do its servers, rather than linger on their ports.
process.on('disconnect', () => process.exit(0));

async function read(settle: boolean): Promise<ProbeReply> {
  if (settle) {
    // Several rounds, with timers between them, so finalizers and freed sockets' buffers are collected too.
    for (let round = 0; round < 4; round++) {
      collectGarbage!();
      await delay(50);
    }
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const newSpaceBytes = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, newSpaceBytes, cpuMicros: cpu.user + cpu.system };
}
