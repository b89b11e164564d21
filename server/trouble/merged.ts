// symptom=merged: three messages in one TCP write, one message in three TCP writes, one message in three fragments, to show that a message is not a read.
import { encodeFrame, Opcode } from '../../src/lib/protocol/index.ts';
import type { Symptom } from './symptom.ts';

function frame(payload: string, opcode: number = Opcode.Text, fin = true): Uint8Array {
  return encodeFrame({ opcode, payload, fin }, { sender: 'server' }).bytes;
}

/** The messages the browser should see, in order; the test and the page's oracle read them from here. */
export function mergedMessages(splitDelayMs: number): string[] {
  return [
    'Message 1 of 3, written in one TCP write with messages 2 and 3.',
    'Message 2 of 3, same write.',
    'Message 3 of 3, same write.',
    `One message, one frame, written in 3 TCP writes ${splitDelayMs} ms apart.`,
    'One message sent as 3 frames (fragments), all in one TCP write.',
  ];
}

export const merged: Symptom = {
  name: 'merged',
  onConnection(socket, options, { upgrade }) {
    const [first, second, third, split, fragmented] = mergedMessages(options.troubleSplitDelayMs) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const stream = upgrade.stream;
    // The frames go straight onto the socket, as ws's own sender would write them, so their TCP writes are ours to choose.
    stream.write(Buffer.concat([frame(first), frame(second), frame(third)]));
    const splitFrame = frame(split);
    const third1 = Math.floor(splitFrame.length / 3);
    const pieces = [splitFrame.subarray(0, third1), splitFrame.subarray(third1, 2 * third1), splitFrame.subarray(2 * third1)];
    const timers: ReturnType<typeof setTimeout>[] = [];
    pieces.forEach((piece, index) => {
      timers.push(
        setTimeout(() => {
          if (!stream.writable) return;
          stream.write(piece);
          if (index < pieces.length - 1) return;
          const words = fragmented.split(' ');
          const [a, b] = [Math.floor(words.length / 3), Math.floor((2 * words.length) / 3)];
          stream.write(
            Buffer.concat([
              frame(`${words.slice(0, a).join(' ')} `, Opcode.Text, false),
              frame(`${words.slice(a, b).join(' ')} `, Opcode.Continuation, false),
              frame(words.slice(b).join(' '), Opcode.Continuation, true),
            ]),
          );
          socket.close(1000, 'All 5 messages sent');
        }, index * options.troubleSplitDelayMs),
      );
    });
    socket.once('close', () => timers.forEach(clearTimeout));
  },
};

/** symptom=fragments-cut: two of a message's three fragments, then the TCP connection is cut, so the message never arrives. */
export const fragmentsCut: Symptom = {
  name: 'fragments-cut',
  onConnection(socket, options, { upgrade }) {
    socket.send('Open. Next: two fragments of a three-fragment message, then the server cuts the TCP connection.');
    const timer = setTimeout(() => {
      upgrade.stream.write(
        Buffer.concat([frame('The first fragment, ', Opcode.Text, false), frame('the second fragment, ', Opcode.Continuation, false)]),
      );
      upgrade.stream.destroy();
    }, options.troubleSplitDelayMs);
    socket.once('close', () => clearTimeout(timer));
  },
};
