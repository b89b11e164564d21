// symptom=too-many: a tiny cap on open connections per address, so the next handshake is refused with 429 as a real cap would.
import { demoError } from '../demo-errors.ts';
import type { DemoServerOptions } from '../limits.ts';
import type { Symptom } from './symptom.ts';

/** Open too-many connections per address, one count per demo server (its options object). */
const openByServer = new WeakMap<DemoServerOptions, Map<string, number>>();

function openFor(options: DemoServerOptions): Map<string, number> {
  let open = openByServer.get(options);
  if (!open) openByServer.set(options, (open = new Map()));
  return open;
}

export const tooMany: Symptom = {
  name: 'too-many',
  // ws upgrades synchronously once the guards pass, so counting at the connection cannot let two through at once.
  beforeUpgrade(_request, options, ip) {
    const open = openFor(options).get(ip) ?? 0;
    if (open < options.troubleMaxOpenPerIp) return null;
    return {
      refusal: demoError(
        'DEMO_ERR_TROUBLE_TOO_MANY',
        `Your address already has ${open} connections open to /ws/trouble?symptom=too-many, the most it allows. Close one and try again.`,
      ),
    };
  },
  onConnection(socket, options, { ip }) {
    const open = openFor(options);
    const count = (open.get(ip) ?? 0) + 1;
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left === 0) open.delete(ip);
      else open.set(ip, left);
    });
    socket.send(`Open: connection ${count} of the ${options.troubleMaxOpenPerIp} this endpoint allows one address.`);
  },
};
