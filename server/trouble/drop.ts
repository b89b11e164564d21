// symptom=drop: opens, then cuts the TCP connection without a Close frame, so the browser reports 1006.
import type { Symptom } from './symptom.ts';

export const drop: Symptom = {
  name: 'drop',
  onConnection(socket, options, { upgrade }) {
    socket.send(`Open. In ${options.troubleDropAfterMs} ms the server cuts the TCP connection without sending a Close frame.`);
    const timer = setTimeout(() => upgrade.stream.destroy(), options.troubleDropAfterMs);
    socket.once('close', () => clearTimeout(timer));
  },
};
