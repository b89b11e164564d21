// How a recorded report is committed under src/data/conformance/: bytes cut to the first frames, one case per line.
import type { JsonReport } from '../report-json.ts';

/** Hex characters of each direction kept in a committed report: the handshake and first frames, not megabytes. */
export const COMMITTED_HEX_CHARS = 768;
export const MATRIX_DIR = 'src/data/conformance';

/** The report as committed: compact, and a re-recording's diff shows which cases changed. */
export function committedReportFile(report: JsonReport): string {
  const cases = report.cases.map((c) =>
    JSON.stringify({ ...c, sent: c.sent.slice(0, COMMITTED_HEX_CHARS), received: c.received.slice(0, COMMITTED_HEX_CHARS) }),
  );
  return `{"agent":${JSON.stringify(report.agent)},"url":${JSON.stringify(report.url)},"cases":[\n${cases.join(',\n')}\n]}\n`;
}
