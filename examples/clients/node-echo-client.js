// A WebSocket client with Node's ws: it sends one message to an echo endpoint, prints the reply, and closes cleanly.
// Run: node examples/clients/node-echo-client.js ws://localhost:4321/ws/echo [message]
import WebSocket from 'ws';

const [url = 'ws://localhost:4321/ws/echo', message = 'Hello from Node'] = process.argv.slice(2);
// ws waits for the handshake forever unless told otherwise; 5 s is plenty on loopback and on most networks.
const socket = new WebSocket(url, { handshakeTimeout: 5000, maxPayload: 1024 * 1024 });

socket.on('open', () => socket.send(message));
socket.on('message', (data, isBinary) => {
  console.log(`received: ${isBinary ? `${data.length} bytes` : String(data)}`);
  // close() sends a Close and waits for the server's; ws gives up and ends TCP after 30 s if none comes.
  socket.close(1000);
});
socket.on('close', (code) => console.log(`closed: ${code}`));
// Without an error listener, a refused handshake or a reset would throw and end the program with a stack trace.
socket.on('error', (error) => {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
});
