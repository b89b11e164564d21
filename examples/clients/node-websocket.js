// Runs the standard-API echo client on Node's built-in WebSocket (Node 22+): node node-websocket.js ws://127.0.0.1:9001 [agent]
import { runFuzzingClient } from './websocket-echo-client.js';

const [base = 'ws://127.0.0.1:9001', agent = 'node-websocket'] = process.argv.slice(2);
const count = await runFuzzingClient(base, agent);
console.log(`ran ${count} cases as ${agent}`);
