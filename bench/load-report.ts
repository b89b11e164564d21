// The load benchmark's table: each figure for the bare ws server and the demo server, their ratio, and PASS or MISS against a target ratio.

/** A target on demo/bare: `at least` for figures where more is better, `at most` where less is better. */
export interface RatioTarget {
  bound: 'at least' | 'at most';
  ratio: number;
}

export interface Comparison {
  figure: string;
  bare: number;
  demo: number;
  /** How a value of this figure is written, such as a byte count or microseconds. */
  format: (value: number) => string;
  target?: RatioTarget;
}

export type Verdict = 'PASS' | 'MISS' | '';

export function ratioOf({ bare, demo }: Comparison): number {
  return demo / bare;
}

export function verdictOf(comparison: Comparison): Verdict {
  const { target } = comparison;
  if (!target) return '';
  const ratio = ratioOf(comparison);
  if (!Number.isFinite(ratio)) return 'MISS';
  return (target.bound === 'at least' ? ratio >= target.ratio : ratio <= target.ratio) ? 'PASS' : 'MISS';
}

export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');
export const formatMegabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const formatMicros = (nanoseconds: number): string =>
  (nanoseconds / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A Markdown table, padded so it reads as well in a terminal as in README. */
export function renderTable(comparisons: readonly Comparison[]): string {
  const rows = comparisons.map((comparison) => {
    const { target } = comparison;
    return [
      comparison.figure,
      comparison.format(comparison.bare),
      comparison.format(comparison.demo),
      `${ratioOf(comparison).toFixed(2)}×`,
      target ? `${target.bound === 'at least' ? '≥' : '≤'} ${target.ratio.toFixed(2)}×` : '',
      verdictOf(comparison),
    ];
  });
  return markdownTable(
    ['figure', 'bare ws', 'demo server', 'demo/bare', 'target', 'result'],
    [false, true, true, true, false, false],
    rows,
  );
}

/** Any Markdown table, its numeric columns right-aligned, padded so it reads as well in a terminal as in README. */
export function markdownTable(header: readonly string[], numeric: readonly boolean[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
