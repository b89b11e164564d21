// The load benchmark's baseline: a bare ws echo server, with the demo server's maxPayload and no compression, on 127.0.0.1 and port 0.
// Usage: node bench/bare-echo-server.ts [maxPayloadBytes] [deflate]. Prints its URL on stdout once it listens.
// With `deflate`, it negotiates permessage-deflate with ws's own defaults, the baseline `npm run bench:deflate` compares against.
import { WebSocketServer, type WebSocket } from 'ws';

const maxPayload = Number(process.argv[2] ?? 64 * 1024);
const perMessageDeflate = process.argv[3] === 'deflate';
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload, perMessageDeflate });
// Only for the chat fan-out comparison: /ws/chat relays each message as it is to every /ws/chat connection, the author
// included, as the demo's chat does (ws's own broadcast example, minus the JSON the demo parses and writes).
const chatters = new Set<WebSocket>();

wss.on('connection', (ws, request) => {
  // Without a listener, a peer's protocol error would throw and end the process.
  ws.on('error', () => {});
  if (request.url !== '/ws/chat') {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    return;
  }
  chatters.add(ws);
  ws.on('close', () => chatters.delete(ws));
  ws.on('message', (data, isBinary) => {
    for (const member of chatters) member.send(data, { binary: isBinary });
  });
});

wss.on('listening', () => {
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`bare ws echo server at http://127.0.0.1:${port}/`);
});

process.once('SIGTERM', () => process.exit(0));
