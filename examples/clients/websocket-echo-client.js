// An Autobahn fuzzingserver echo client on the standard WebSocket API: the same file runs in Chromium, Firefox and Node 22+.

/** Opens one connection to `path` and settles when it closes; by default every message goes back as it came. */
function connect(base, path, onMessage = (socket, data) => socket.send(data)) {
  return new Promise((resolve) => {
    const socket = new WebSocket(new URL(path, base));
    // Binary arrives as an ArrayBuffer, which send() writes back as binary; text arrives as a string and goes back as text.
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event) => onMessage(socket, event.data);
    socket.onclose = resolve;
  });
}

/** Asks for the case count, runs every case as `agent`, asks for the reports, and resolves with the count. */
export async function runFuzzingClient(base, agent, onCase = () => {}) {
  let count = 0;
  await connect(base, '/getCaseCount', (_socket, data) => (count = JSON.parse(data)));
  for (let n = 1; n <= count; n++) {
    onCase(n, count);
    await connect(base, `/runCase?case=${n}&agent=${encodeURIComponent(agent)}`);
  }
  await connect(base, `/updateReports?agent=${encodeURIComponent(agent)}`);
  return count;
}
