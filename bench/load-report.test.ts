// The load benchmark's arithmetic: percentiles by nearest rank and PASS/MISS against ratio targets. Run: npx node --test bench/*.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestRank, summarizeLatency } from './latency.ts';
import { formatCount, formatMegabytes, renderTable, verdictOf, type Comparison } from './load-report.ts';

test('nearestRank picks a measured value: the ceil(q·n)-th smallest', () => {
  const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
  assert.equal(nearestRank(sorted, 0.5), 50);
  assert.equal(nearestRank(sorted, 0.99), 99);
  assert.equal(nearestRank(sorted, 1), 100);
  assert.equal(nearestRank([7], 0.99), 7);
  assert.ok(Number.isNaN(nearestRank([], 0.5)));
});

test('summarizeLatency sorts a copy of the first count samples only', () => {
  const samples = Float64Array.from([30, 10, 20, 999]);
  assert.deepEqual(summarizeLatency(samples, 3), { samples: 3, p50: 20, p99: 30, max: 30 });
  assert.deepEqual([...samples], [30, 10, 20, 999]);
});

const comparison = (bare: number, demo: number, bound: 'at least' | 'at most'): Comparison => ({
  figure: 'figure',
  bare,
  demo,
  format: formatCount,
  target: { bound, ratio: bound === 'at least' ? 0.9 : 1.2 },
});

test('verdictOf compares demo/bare with the target, the bound included', () => {
  assert.equal(verdictOf(comparison(100, 90, 'at least')), 'PASS');
  assert.equal(verdictOf(comparison(100, 89, 'at least')), 'MISS');
  assert.equal(verdictOf(comparison(100, 120, 'at most')), 'PASS');
  assert.equal(verdictOf(comparison(100, 121, 'at most')), 'MISS');
  assert.equal(verdictOf(comparison(0, 0, 'at most')), 'MISS');
  assert.equal(verdictOf({ figure: 'no target', bare: 1, demo: 5, format: formatCount }), '');
});

test('renderTable writes a Markdown table with the ratio and the verdict', () => {
  const lines = renderTable([comparison(1000, 1100, 'at most')]).split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[2]!, /^\| figure +\| +1,000 \| +1,100 \| +1\.10× \| ≤ 1\.20× \| PASS +\|$/);
});

test('formatMegabytes shows MiB with one decimal, growth or shrinkage', () => {
  assert.equal(formatMegabytes(33 * 1024 * 1024), '33.0 MiB');
  assert.equal(formatMegabytes(-1.25 * 1024 * 1024), '-1.3 MiB');
});
