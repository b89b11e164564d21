import { describe, expect, it } from 'vitest';
import {
  buildRows,
  chartBars,
  clockOffset,
  commentary,
  describeUnreachable,
  formatBytes,
  formatMs,
  frameHeaderBytes,
  latencyMs,
  percentile,
  type LegReport,
  type RaceParams,
} from '../../src/components/transport-race.ts';

const PARAMS: RaceParams = { events: 4, intervalMs: 100, payloadBytes: 64, pollMs: 250 };

function leg(transport: LegReport['transport'], requests: number, bytesUp: number, bytesDown: number): LegReport {
  return { transport, eventsSent: 4, requests, connections: 1, bytesUp, bytesDown, exact: true, settled: true };
}

const LEGS = [leg('short-poll', 8, 3200, 2400), leg('long-poll', 4, 1600, 1300), leg('sse', 1, 400, 700), leg('websocket', 1, 480, 560)];
const LATENCIES = { 'short-poll': [130, 10, 240, 90], 'long-poll': [2, 3, 1, 2], sse: [1, 1, 2, 1], websocket: [1, 2, 1, 1] };

describe('latencyMs', () => {
  it('takes the server-clock difference, and never less than zero', () => {
    expect(latencyMs(1000, 50, 1040)).toBe(10);
    expect(latencyMs(1000, 50, 1050.4)).toBe(0);
  });
});

describe('percentile', () => {
  it('takes the nearest rank, so the median of an even count is the lower middle value', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  });

  it('gives the largest value as p95 of a small sample, and nothing for no values', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('clockOffset', () => {
  it('uses the sample with the shortest round trip and assumes the server read its clock half-way', () => {
    const samples = [
      { sentAt: 1000, serverNow: 5030, receivedAt: 1040 },
      { sentAt: 2000, serverNow: 6003, receivedAt: 2006 },
    ];
    expect(clockOffset(samples)).toBe(6003 - 2003);
    expect(clockOffset([])).toBe(0);
  });
});

describe('frameHeaderBytes', () => {
  it('follows §5.2: 2, 4 or 10 bytes by payload length, and 4 more for a masked frame', () => {
    expect([0, 125, 126, 65535, 65536].map((n) => frameHeaderBytes(n, false))).toEqual([2, 2, 4, 4, 10]);
    expect(frameHeaderBytes(125, true)).toBe(6);
    expect(frameHeaderBytes(65536, true)).toBe(14);
  });
});

describe('buildRows', () => {
  it('joins the server report with the page latencies, and divides bytes by delivered events', () => {
    const rows = buildRows(PARAMS, LEGS, LATENCIES);
    expect(rows.map((r) => r.name)).toEqual(['Short polling', 'Long polling', 'Server-Sent Events', 'WebSocket']);
    expect(rows[0]).toMatchObject({ delivered: 4, expected: 4, medianMs: 90, p95Ms: 240, requests: 8, bytesPerEvent: 1400 });
    expect(rows[3]).toMatchObject({ bytesUp: 480, bytesDown: 560, bytesPerEvent: 260, exact: true });
  });

  it('shows no bytes per event for a transport that delivered nothing', () => {
    const rows = buildRows(PARAMS, LEGS, { ...LATENCIES, sse: [] });
    expect(rows[2]).toMatchObject({ delivered: 0, bytesPerEvent: undefined, medianMs: undefined });
    expect(formatBytes(rows[2]!.bytesPerEvent)).toBe('–');
  });

  it('treats a transport missing from the report as not exact and costing nothing known', () => {
    const rows = buildRows(PARAMS, LEGS.slice(0, 3), LATENCIES);
    expect(rows[3]).toMatchObject({ requests: 0, bytesUp: 0, exact: false });
  });
});

describe('formatting and charts', () => {
  it('formats bytes with separators and milliseconds to a tenth', () => {
    expect(formatBytes(12345.4)).toBe('12,345 B');
    expect(formatMs(1.234)).toBe('1.2 ms');
    expect(formatMs(undefined)).toBe('–');
  });

  it('scales every bar to the longest and keeps the value as text', () => {
    const bars = chartBars(buildRows(PARAMS, LEGS, LATENCIES), (r) => r.bytesPerEvent, formatBytes);
    expect(bars.map((b) => [b.label, b.fraction, b.text])).toEqual([
      ['Short polling', 1, '1,400 B'],
      ['Long polling', 725 / 1400, '725 B'],
      ['Server-Sent Events', 275 / 1400, '275 B'],
      ['WebSocket', 260 / 1400, '260 B'],
    ]);
  });
});

describe('commentary', () => {
  const notes = commentary(buildRows(PARAMS, LEGS, LATENCIES), PARAMS, 96);

  it('explains header repetition with the measured requests and bytes', () => {
    expect(notes[0]).toBe(
      'Header repetition. Short polling made 8 requests for 4 events, and long polling made 4. Every request and every response carried a full set of HTTP headers again: about 700 bytes per round trip for short polling, payload included, against 64 bytes of payload per event.',
    );
    expect(notes[1]).toContain('at least 4 of its requests could have found nothing new');
  });

  it('explains the poll interval as a latency floor', () => {
    expect(notes[2]).toContain('with a poll every 250 ms it waits 125 ms on average and up to 250 ms');
    expect(notes[2]).toContain("Short polling's median here was 90.0 ms");
  });

  it('names the frame header size of this run’s messages and cites §5.2', () => {
    const frame = notes.find((n) => n.startsWith("WebSocket's frame header"))!;
    expect(frame).toContain('each 96-byte event message travelled in a frame with a 2-byte header');
    expect(frame).toContain('2 to 14 bytes in all (RFC 6455 §5.2)');
    expect(notes.at(-1)).toContain('WebSocket cost 260 B and short polling 1,400 B: 5.4 times as much');
  });

  it('says why long polling can cost more per event than short polling, only when it did', () => {
    expect(notes.some((n) => n.startsWith('Long polling cost more'))).toBe(false);
    const batched = [
      leg('short-poll', 2, 800, 700),
      leg('long-poll', 4, 1600, 1300),
      leg('sse', 1, 400, 700),
      leg('websocket', 1, 480, 560),
    ];
    const costly = commentary(buildRows(PARAMS, batched, LATENCIES), PARAMS, 96).find((n) => n.startsWith('Long polling cost more'));
    expect(costly).toContain('(725 B against 375 B)');
  });
});

it('says plainly that the server was not reached, and where it was looked for', () => {
  expect(describeUnreachable('http://localhost:4321/race/')).toBe(
    'The demo server could not be reached at http://localhost:4321/race/, or it refused this page. Is it running? Both `npm run dev` and ' +
      '`npm start` start it. A demo server on another origin refuses pages from any origin its ALLOWED_ORIGINS does not list. Nothing was measured.',
  );
});

describe('commentary in Chinese', () => {
  const english = commentary(buildRows(PARAMS, LEGS, LATENCIES), PARAMS, 96);
  const chinese = commentary(buildRows(PARAMS, LEGS, LATENCIES, 'zh-CN'), PARAMS, 96, 'zh-CN');

  it('says the same things about the same run, in Chinese, with the same figures', () => {
    expect(chinese).toHaveLength(english.length);
    // The same numbers, in whatever order each language puts them.
    const figures = (note: string) => note.match(/\d+(?:[,.]\d+)*/g)?.sort();
    chinese.forEach((note, index) => {
      expect(note).toMatch(/[\u4e00-\u9fff]/);
      expect(figures(note), note).toEqual(figures(english[index]!));
    });
    expect(chinese[2]).toContain('每 250 毫秒轮询一次时，它平均等 125 毫秒，最多等 250 毫秒');
  });

  it('names the transports and units in Chinese', () => {
    expect(buildRows(PARAMS, LEGS, LATENCIES, 'zh-CN').map((row) => row.name)).toEqual([
      '短轮询',
      '长轮询',
      'Server-Sent Events',
      'WebSocket',
    ]);
    expect(formatBytes(1234, 'zh-CN')).toBe('1,234 字节');
    expect(formatMs(12.34, 'zh-CN')).toBe('12.3 毫秒');
  });
});
