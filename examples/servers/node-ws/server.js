// An echo server with Node's ws: every message goes back as it came, text as text, binary as binary.
// Run: node examples/servers/node-ws/server.js PORT
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 9001);
// 16 MiB lets Autobahn's largest messages (category 9) through; ws's own default is 100 MiB.
const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 16 * 1024 * 1024 });

server.on('connection', (socket) => {
  socket.on('error', () => {}); // ws has already closed a misbehaving peer with the right code
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on('listening', () => console.log(`listening on ws://127.0.0.1:${port}/`));
