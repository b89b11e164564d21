// How a recorded report is committed under src/data/conformance/: bytes cut to the first frames, one case per line.
import type { JsonReport } from '../report-json.ts';

/** Hex characters of each direction kept in a committed report: the handshake and first frames, not megabytes. */
export const COMMITTED_HEX_CHARS = 768;
export const MATRIX_DIR = 'src/data/conformance';

/** Where a recorded stream's HTTP head ends, in hex characters (0 when there is none). */
function headHexLength(hexBytes: string): number {
  for (let at = hexBytes.indexOf('0d0a0d0a'); at >= 0; at = hexBytes.indexOf('0d0a0d0a', at + 1)) if (at % 2 === 0) return at + 8;
  return 0;
}

/**
 * The report as committed: compact, and a re-recording's diff shows which cases changed. `afterHead` keeps the HTTP
 * head whole and cuts only the frames after it, for client reports, where a browser's request head alone is longer
 * than the cut.
 */
export function committedReportFile(report: JsonReport, options: { afterHead?: boolean } = {}): string {
  const cut = (hexBytes: string) => hexBytes.slice(0, (options.afterHead ? headHexLength(hexBytes) : 0) + COMMITTED_HEX_CHARS);
  const cases = report.cases.map((c) => JSON.stringify({ ...c, sent: cut(c.sent), received: cut(c.received) }));
  return `{"agent":${JSON.stringify(report.agent)},"url":${JSON.stringify(report.url)},"cases":[\n${cases.join(',\n')}\n]}\n`;
}
