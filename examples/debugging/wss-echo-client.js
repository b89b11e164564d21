// Opens a wss: connection, sends one message, prints the echo and closes: a client to run under a TLS key log.
// Run: node --tls-keylog=keys.log examples/debugging/wss-echo-client.js wss://localhost:8443/ws/echo
// Node then appends each connection's TLS secrets to keys.log, in the NSS key log format Wireshark reads.
import WebSocket from 'ws';

const socket = new WebSocket(process.argv[2]);
socket.on('open', () => socket.send('Hello over TLS'));
socket.on('message', (data) => {
  console.log(`echoed: ${data}`);
  socket.close(1000, 'done');
});
