// An Autobahn fuzzingserver echo client on the ws library: node ws-client.js ws://127.0.0.1:9001 [agent]
import WebSocket from 'ws';

const [base = 'ws://127.0.0.1:9001', agent = 'ws-client'] = process.argv.slice(2);

/** Opens one connection and settles when it closes, echoing every message back with the type it came with. */
function connect(path, onMessage = (socket, data, isBinary) => socket.send(data, { binary: isBinary })) {
  return new Promise((resolve) => {
    const socket = new WebSocket(new URL(path, base));
    socket.on('message', (data, isBinary) => onMessage(socket, data, isBinary));
    socket.on('error', () => {}); // a case may end the connection abruptly; 'close' follows either way
    socket.on('close', resolve);
  });
}

let count = 0;
await connect('/getCaseCount', (_socket, data) => (count = JSON.parse(data)));
for (let n = 1; n <= count; n++) await connect(`/runCase?case=${n}&agent=${encodeURIComponent(agent)}`);
await connect(`/updateReports?agent=${encodeURIComponent(agent)}`);
console.log(`ran ${count} cases as ${agent}`);
