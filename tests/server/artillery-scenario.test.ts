// The load-testing page's Artillery scenario, checked without Artillery (too heavy to install for a test, see the page): its shape, its sizing against the demo server's limits, and its flow played by `ws` clients against a real demo server.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { LIMITS } from '../../server/limits.ts';
import { startDemo } from './demo-harness.ts';

const SCENARIO_FILE = 'examples/load-testing/artillery-echo.yml';

/** The steps of Artillery's ws engine this scenario uses: send a message, wait some seconds, repeat steps. */
type Step = { send: string } | { think: number } | { loop: Step[]; count: number };
interface Scenario {
  config: { target: string; phases: { duration: number; arrivalRate: number }[] };
  scenarios: { name: string; engine: string; flow: Step[] }[];
}

const scenario = parse(readFileSync(SCENARIO_FILE, 'utf8')) as Scenario;
const [flow] = scenario.scenarios;

/** The flow unrolled: the messages one virtual user sends, in order, and how long it stays. */
function unroll(steps: Step[]): { messages: string[]; seconds: number } {
  const messages: string[] = [];
  let seconds = 0;
  for (const step of steps) {
    if ('send' in step) messages.push(step.send);
    else if ('think' in step) {
      // Artillery 2.0.34's ws engine did not wait at all for a fractional think: `think: 0.5` in a loop of ten gave
      // sessions of 33–206 ms, not 5 s (seen on this project's build machine).
      if (!Number.isInteger(step.think))
        throw new Error(`${SCENARIO_FILE}: think ${step.think} is not whole seconds, and Artillery would not wait.`);
      seconds += step.think;
    } else if ('loop' in step) {
      const inner = unroll(step.loop);
      for (let i = 0; i < step.count; i++) messages.push(...inner.messages);
      seconds += inner.seconds * step.count;
    } else throw new Error(`${SCENARIO_FILE} uses a step this test does not know: ${JSON.stringify(step)}`);
  }
  return { messages, seconds };
}

const user = unroll(flow!.flow);
const peakArrivalRate = Math.max(...scenario.config.phases.map((phase) => phase.arrivalRate));
/** Users arrive each second and each stays `user.seconds`: this many are connected at once, at the most. */
const peakOpenSockets = Math.ceil(peakArrivalRate * user.seconds);

describe(SCENARIO_FILE, () => {
  it('is one ws-engine scenario against /ws/echo on npm start, with bounded phases', () => {
    expect(scenario.scenarios).toHaveLength(1);
    expect(flow!.engine).toBe('ws');
    expect(new URL(scenario.config.target)).toMatchObject({ protocol: 'ws:', hostname: 'localhost', port: '8080', pathname: '/ws/echo' });
    for (const phase of scenario.config.phases) expect(phase.duration * phase.arrivalRate).toBeLessThanOrEqual(1_000);
  });

  it("stays inside the demo server's default limits, as its comment says, so a run measures echoes, not refusals", () => {
    expect(user.messages).toHaveLength(10);
    expect(user.seconds).toBe(10);
    expect(peakOpenSockets).toBe(20);
    expect(peakOpenSockets).toBeLessThan(LIMITS.maxConnectionsPerIp.default);
    expect(user.messages.length / user.seconds).toBeLessThan(LIMITS.maxMessagesPerSecond.default);
  });

  it('plays as its peak of virtual users, all connected at once from one address, each getting every echo', async () => {
    // The demo server with its default limits; the users' think time is left out, so the test takes well under a second.
    const { base } = await startDemo();
    const target = new URL(scenario.config.target);
    const url = `ws://${base}${target.pathname}`;
    const sockets = await Promise.all(
      Array.from({ length: peakOpenSockets }, async () => {
        const socket = new WebSocket(url);
        await once(socket, 'open');
        return socket;
      }),
    );
    const echoes = await Promise.all(
      sockets.map(async (socket) => {
        const received: string[] = [];
        for (const message of user.messages) {
          socket.send(message);
          const [data] = (await once(socket, 'message')) as [Buffer];
          received.push(data.toString());
        }
        socket.close(1000);
        await once(socket, 'close');
        return received;
      }),
    );
    expect(echoes).toEqual(Array.from({ length: peakOpenSockets }, () => user.messages));
  });
});
