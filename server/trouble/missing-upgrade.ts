// symptom=missing-upgrade: a 101 with a correct Sec-WebSocket-Accept but without Upgrade and Connection, as a proxy that strips hop-by-hop headers passes it on.
import { computeAccept } from '../../src/lib/protocol/index.ts';
import type { Symptom } from './symptom.ts';
import { writeResponse } from './wrong-status.ts';

export const missingUpgrade: Symptom = {
  name: 'missing-upgrade',
  beforeUpgrade: () => ({
    answer: (socket, request) => {
      const key = String(request.headers['sec-websocket-key'] ?? '');
      void computeAccept(key).then((accept) => {
        if (socket.writable) writeResponse(socket, 'HTTP/1.1 101 Switching Protocols', { 'Sec-WebSocket-Accept': accept });
      });
    },
  }),
};
