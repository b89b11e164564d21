// A plain WebSocket that speaks just enough Socket.IO 4 to join the main namespace, emit events with acknowledgements
// and stay connected. The Socket.IO client does all this for you; this file shows what that means.
// `url` is the server's Socket.IO endpoint over WebSocket, e.g. 'wss://example.com/socket.io/?EIO=4&transport=websocket'.
export function connectSocketIo(url, { onEvent = () => {} } = {}) {
  const socket = new WebSocket(url);
  const waitingForAck = new Map();
  let nextAckId = 0;

  const client = {
    /** Sends `42<id>["name",...args]` and resolves with the arguments of the matching ACK, `43<id>[...]`. */
    emitWithAck(name, ...args) {
      const id = nextAckId++;
      socket.send(`42${id}${JSON.stringify([name, ...args])}`);
      return new Promise((resolve) => waitingForAck.set(id, resolve));
    },
    close() {
      socket.send('41'); // Socket.IO DISCONNECT from the main namespace, inside an Engine.IO message.
      socket.close(1000);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error('The WebSocket connection failed.')));
    socket.addEventListener('message', ({ data }) => {
      // Binary messages are attachments, which this client never asks for.
      if (typeof data !== 'string') return;
      switch (data[0]) {
        case '0': // Engine.IO open: now join the main namespace with a Socket.IO CONNECT.
          socket.send('40');
          break;
        case '2': // Engine.IO ping: answer in time, or the server ends the session.
          socket.send('3');
          break;
        case '4': // Engine.IO message: a Socket.IO packet follows.
          readSocketIoPacket(data[1], data.slice(2));
      }
    });

    function readSocketIoPacket(type, body) {
      if (type === '0') resolve(client); // CONNECT: the namespace let us in.
      if (type === '4') reject(new Error(`Refused: ${JSON.parse(body).message}`)); // CONNECT_ERROR.
      if (type === '2') {
        // EVENT. An ack id before the JSON asks for an answer; this client delivers the event and leaves it unanswered.
        const [name, ...args] = JSON.parse(body.replace(/^\d+/, ''));
        onEvent(name, ...args);
      }
      if (type === '3') {
        // ACK: its id, then the answer's arguments.
        const [, id, json] = /^(\d+)(.*)$/s.exec(body);
        waitingForAck.get(Number(id))?.(JSON.parse(json));
        waitingForAck.delete(Number(id));
      }
    }
  });
}
