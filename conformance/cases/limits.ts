// Autobahn category 9, Limits/Performance, and category 10, Misc: large messages, many frames, many round trips (§10.4, §5.4).
import { cleanNormalClose, closeAfter, killAfter, repeated, textEcho } from './case-builders.ts';
import type { ConformanceCase, Payload, Step } from './case-types.ts';

/** The default run divides category 9's sizes by this and its round-trip counts by ten, to stay under a minute; `--full` uses Autobahn's. */
export const REDUCED_SIZE_DIVISOR = 16;

const KiB = 1024;
const MiB = 1024 * 1024;
const TEXT_PATTERN = 'BAsd7&jh23';
const BINARY_PATTERN = new Uint8Array([0x00, 0xfe, 0x23, 0xfa, 0xf0]);

export const LIMITS_SUBCATEGORIES: Record<string, string> = {
  '9.1': 'Text Message (increasing size)',
  '9.2': 'Binary Message (increasing size)',
  '9.3': 'Fragmented Text Message (fixed size, increasing fragment size)',
  '9.4': 'Fragmented Binary Message (fixed size, increasing fragment size)',
  '9.5': 'Text Message (fixed size, increasing chop size)',
  '9.6': 'Binary Text Message (fixed size, increasing chop size)',
  '9.7': 'Text Message Roundtrip Time (fixed number, increasing size)',
  '9.8': 'Binary Message Roundtrip Time (fixed number, increasing size)',
  '10.1': 'Auto-Fragmentation',
};

function size(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} bytes`;
}

function bulkCase(
  id: string,
  binary: boolean,
  fullLength: number,
  full: boolean,
  waitSeconds: number,
  how: Omit<Extract<Step, { kind: 'frame' }>, 'kind' | 'opcode' | 'payload'> | { fragmentSize: number },
): ConformanceCase {
  const length = full ? fullLength : fullLength / REDUCED_SIZE_DIVISOR;
  const kind = binary ? 'binary' : 'text';
  const payload: Payload =
    'fragmentSize' in how
      ? binary
        ? repeated(0xfe, length)
        : { repeat: '*', length }
      : { repeat: binary ? BINARY_PATTERN : TEXT_PATTERN, length };
  const step: Step =
    'fragmentSize' in how
      ? { kind: 'message', binary, payload, fragmentSize: how.fragmentSize }
      : { kind: 'frame', opcode: binary ? 2 : 1, payload, ...how };
  const written =
    'fragmentSize' in how
      ? `, in fragments of ${size(how.fragmentSize)}`
      : 'chop' in how && how.chop !== undefined
        ? `, written in pieces of ${how.chop} bytes`
        : '';
  return {
    id,
    description: `Send a ${kind} message of ${size(length)}${written}${full ? '' : ` (Autobahn’s size is ${size(fullLength)}; run with --full for it)`}.`,
    expectation: `The ${kind} message comes back with its length, within ${waitSeconds} s.`,
    rfc: '§10.4',
    steps: [step],
    end: closeAfter(waitSeconds),
    expected: {},
    bulk: { binary, length, count: 1 },
    expectedClose: cleanNormalClose,
    reportTime: true,
  };
}

function roundTrips(id: string, binary: boolean, length: number, fullCount: number, waitSeconds: number, full: boolean): ConformanceCase {
  const count = full ? fullCount : fullCount / 10;
  const kind = binary ? 'binary' : 'text';
  return {
    id,
    description: `Send ${count} ${kind} messages of ${length} bytes, each after the last one’s echo, to measure the round-trip time${full ? '' : ` (Autobahn sends ${fullCount}; run with --full)`}.`,
    expectation: `Every ${kind} message comes back with its length, all within ${waitSeconds} s.`,
    rfc: '§10.4',
    steps: [{ kind: 'round-trips', binary, length, count }],
    end: closeAfter(waitSeconds),
    expected: {},
    bulk: { binary, length, count },
    expectedClose: cleanNormalClose,
    reportTime: true,
  };
}

/** Category 9 at reduced sizes, or at Autobahn's with `full`. */
export function limitsCases(full: boolean): ConformanceCase[] {
  const messageSizes = [64 * KiB, 256 * KiB, MiB, 4 * MiB, 8 * MiB, 16 * MiB];
  const textWaits = [10, 10, 100, 100, 100, 100];
  const binaryWaits = [10, 10, 10, 10, 100, 100];
  const fragmentSizes = [64, 256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB];
  const chopSizes = [64, 128, 256, 512, 1024, 2048];
  const rtt: [number, number][] = [
    [0, 60],
    [16, 60],
    [64, 60],
    [256, 120],
    [1024, 240],
    [4096, 480],
  ];
  return [
    ...messageSizes.map((bytes, i) => bulkCase(`9.1.${i + 1}`, false, bytes, full, textWaits[i]!, {})),
    ...messageSizes.map((bytes, i) => bulkCase(`9.2.${i + 1}`, true, bytes, full, binaryWaits[i]!, {})),
    ...fragmentSizes.map((fragmentSize, i) => bulkCase(`9.3.${i + 1}`, false, 4 * MiB, full, 100, { fragmentSize })),
    ...fragmentSizes.map((fragmentSize, i) => bulkCase(`9.4.${i + 1}`, true, 4 * MiB, full, 100, { fragmentSize })),
    ...chopSizes.map((chop, i) => bulkCase(`9.5.${i + 1}`, false, MiB, full, 1000, { chop })),
    ...chopSizes.map((chop, i) => bulkCase(`9.6.${i + 1}`, true, MiB, full, 1000, { chop })),
    ...rtt.map(([length, wait], i) => roundTrips(`9.7.${i + 1}`, false, length, 1000, wait, full)),
    ...rtt.map(([length, wait], i) => roundTrips(`9.8.${i + 1}`, true, length, 1000, wait, full)),
  ];
}

export const MISC_CASES: ConformanceCase[] = [
  {
    id: '10.1.1',
    description: 'Send a text message of 65536 bytes, split by the prober into fragments of 1300 bytes.',
    expectation: 'The whole message comes back; then a clean close with 1000.',
    rfc: '§5.4',
    steps: [{ kind: 'message', binary: false, payload: { repeat: '*', length: 65536 }, fragmentSize: 1300 }],
    end: killAfter(10),
    expected: { OK: [textEcho({ repeat: '*', length: 65536 })] },
    expectedClose: cleanNormalClose,
    reportTime: true,
  },
];
