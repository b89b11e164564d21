// Summaries of latency samples: nearest-rank percentiles, which are always a measured value, never an interpolation.
import type { LatencySummary } from './load-messages.ts';

/** The q-quantile (0 < q ≤ 1) of ascending values by nearest rank. */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Summarizes the first `count` samples; sorts a copy, so the caller's array is left as it was. */
export function summarizeLatency(samples: Float64Array, count: number): LatencySummary {
  const sorted = samples.slice(0, count).sort();
  return { samples: count, p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), max: nearestRank(sorted, 1) };
}
