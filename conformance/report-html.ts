// The HTML report: one static page with inline CSS and no scripts or requests, a row per case that opens to the annotated bytes.
import { annotateFrame, decodeFrame, type DecodeOptions, type OpenMessage } from '../src/lib/protocol/index.ts';
import { fromHex } from './cases/case-builders.ts';
import type { Verdict } from './cases/case-types.ts';
import { CATEGORIES, NOT_RUN_CATEGORIES, categoryOf, frameCases, handshakeCases } from './cases/index.ts';
import type { JsonReport } from './report-json.ts';

/** What a row may add to the JSON: the reasons behind the verdicts. */
export interface CaseNotes {
  result?: string;
  resultClose?: string;
  sentTotal?: number;
  receivedTotal?: number;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The RFC sections of every case id, from the case definitions. */
function rfcSections(): Map<string, string> {
  return new Map([...handshakeCases(), ...frameCases(true)].map((c) => [c.id, c.rfc]));
}

/** Splits a recorded stream into its HTTP head (text) and the frame bytes after it. */
function splitHead(bytes: Uint8Array): { head: string; frames: Uint8Array } {
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i - 3] === 13 && bytes[i - 2] === 10 && bytes[i - 1] === 13 && bytes[i] === 10) {
      return { head: new TextDecoder('latin1').decode(bytes.subarray(0, i + 1)), frames: bytes.subarray(i + 1) };
    }
  }
  return { head: new TextDecoder('latin1').decode(bytes), frames: new Uint8Array(0) };
}

/** How many frames each side of a case shows; the rest are counted. */
const MAX_FRAMES_SHOWN = 8;

/**
 * Each frame in the bytes, annotated field by field with the protocol core's annotator, as lines of text:
 * a report holds 300 cases, and one element per case side keeps it light enough to open (and to check).
 * The last frame may be cut off by the recording.
 */
function annotateFrames(bytes: Uint8Array, sender: DecodeOptions['sender']): string {
  const lines: string[] = [];
  let at = 0;
  let frames = 0;
  let openMessage: OpenMessage | null = null;
  while (at < bytes.length && frames < MAX_FRAMES_SHOWN) {
    const rest = bytes.subarray(at);
    const decoded = decodeFrame(rest, { sender, openMessage });
    const length = decoded.status === 'complete' ? decoded.byteLength : rest.length;
    const annotation = annotateFrame(rest.subarray(0, length), { sender, openMessage });
    lines.push(`Frame at byte ${at}${annotation.complete ? '' : ' (cut off: the report keeps only the first bytes)'}`);
    for (const segment of annotation.segments) {
      const shown = segment.hex.length > 95 ? `${segment.hex.slice(0, 95)} …` : segment.hex;
      const fields = segment.fields
        .map((f) => `${f.label}${f.bits ? ` ${f.bits}` : ''}: ${f.value}${f.section ? ` (§${f.section})` : ''}`)
        .join('; ');
      lines.push(`  ${shown}\n      ${segment.title}: ${fields}`);
    }
    for (const v of annotation.violations) lines.push(`  ! Breaks §${v.section}: ${v.explanation}`);
    frames++;
    if (decoded.status !== 'complete') break;
    openMessage = decoded.openMessage;
    at += length;
    if (decoded.frame.opcode === 8) break;
  }
  if (at < bytes.length && frames >= MAX_FRAMES_SHOWN) lines.push(`… ${bytes.length - at} more bytes.`);
  return lines.length > 0 ? lines.join('\n') : 'No frames.';
}

function side(title: string, hexBytes: string, total: number | undefined, sender: DecodeOptions['sender']): string {
  const bytes = fromHex(hexBytes);
  const { head, frames } = splitHead(bytes);
  const kept = total !== undefined && total > bytes.length ? ` (first ${bytes.length} of ${total} bytes)` : ` (${bytes.length} bytes)`;
  return `${title}${kept}:\n${head}${annotateFrames(frames, sender)}`;
}

const verdictClass = (v: Verdict) => v.toLowerCase().replace(/[^a-z]/g, '-');

export interface HtmlReportOptions {
  /** A same-site page to link back to, e.g. the Conformance page for the matrix's reports. */
  backLink?: string;
  /** `client`: the report of a client run against the fuzzing server (`--serve`), where the suite sent as the server. */
  mode?: 'server' | 'client';
}

/** Renders the whole report as one HTML document. */
export function htmlReport(report: JsonReport, notes: ReadonlyMap<string, CaseNotes> = new Map(), options: HtmlReportOptions = {}): string {
  const sections = rfcSections();
  const clientMode = options.mode === 'client';
  const categories = [...new Set(report.cases.map((c) => categoryOf(c.id)))];
  const summaryRows = categories
    .map((category) => {
      const cases = report.cases.filter((c) => categoryOf(c.id) === category);
      const count = (v: Verdict) => cases.filter((c) => c.behavior === v || (v === 'FAILED' && c.behaviorClose === 'FAILED')).length;
      return `<tr><th scope="row">${escapeHtml(category)} ${escapeHtml(CATEGORIES[category] ?? '')}</th><td>${cases.length}</td><td>${count('OK')}</td><td>${count('NON-STRICT')}</td><td>${count('INFORMATIONAL')}</td><td>${count('FAILED')}</td></tr>`;
    })
    .join('');
  const notRun = NOT_RUN_CATEGORIES.map(
    (c) => `<tr><th scope="row">${c} ${escapeHtml(CATEGORIES[c]!)}</th><td colspan="5">Not run.</td></tr>`,
  ).join('');
  const notApplicable = clientMode
    ? `<tr><th scope="row">h ${escapeHtml(CATEGORIES['h']!)}</th><td colspan="5">Not applicable: these cases test how a server answers upgrade requests.</td></tr>`
    : '';
  // Three elements a case (details, summary, pre): axe and browsers stay quick on a page of 300 cases.
  const rows = report.cases
    .map((c) => {
      const note = notes.get(c.id) ?? {};
      const anchor = `case-${c.id.replace(/\./g, '-')}`;
      const worst = c.behavior === 'FAILED' || c.behaviorClose === 'FAILED' ? 'failed' : verdictClass(c.behavior);
      const body = [
        `Expectation: ${c.expectation}`,
        `Rule: RFC 6455 ${sections.get(c.id) ?? ''}`,
        ...(note.result ? [`Replies: ${note.result}`] : []),
        ...(note.resultClose ? [`Closing: ${note.resultClose}`] : []),
        '',
        ...(clientMode
          ? [
              side('Sent by the fuzzing server', c.sent, note.sentTotal, 'server'),
              '',
              side('Received from the client', c.received, note.receivedTotal, 'client'),
            ]
          : [
              side('Sent by the prober', c.sent, note.sentTotal, 'client'),
              '',
              side('Received from the server', c.received, note.receivedTotal, 'server'),
            ]),
      ].join('\n');
      return `<details id="${anchor}" class="${worst}"><summary>${escapeHtml(c.id)} — ${c.behavior} / ${c.behaviorClose} — ${c.durationMs} ms — ${escapeHtml(c.description)}</summary><pre>${escapeHtml(body)}</pre></details>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Conformance report: ${escapeHtml(report.agent)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;background:#fff}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
summary{cursor:pointer;padding:.25rem .4rem;font-family:monospace}details{border-bottom:1px solid #ddd}
.ok>summary{background:#dff5e1;color:#0b5d1e}.non-strict>summary{background:#fff4cc;color:#6b4e00}
.informational>summary{background:#e3ecff;color:#1d3f8f}.unimplemented>summary{background:#eee;color:#333}.failed>summary{background:#ffe0e0;color:#8a1010}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;font-size:12px;overflow-wrap:anywhere}.rfc{color:#555;font-size:12px}.body{padding:0 0 1rem 1rem}h3{font-size:1rem}
</style></head><body><main>
${options.backLink ? `<p><a href="${escapeHtml(options.backLink)}">Back to the conformance matrix</a></p>` : ''}
<h1>Conformance report: ${escapeHtml(report.agent)}</h1>
${
  clientMode
    ? `<p>Client <code>${escapeHtml(report.agent)}</code>, run against the fuzzing server <code>${escapeHtml(report.url)}</code>, ${report.cases.length} cases, under Autobahn|Testsuite’s case ids and verdicts, with the suite sending as the server.</p>`
    : `<p>Server <code>${escapeHtml(report.url)}</code>, ${report.cases.length} cases, under Autobahn|Testsuite’s case ids and verdicts; <code>h.*</code> are this suite’s own handshake cases.</p>`
}
<table><thead><tr><th scope="col">Category</th><th scope="col">Cases</th><th scope="col">OK</th><th scope="col">Non-strict</th><th scope="col">Informational</th><th scope="col">Failed</th></tr></thead><tbody>${notApplicable}${summaryRows}${notRun}</tbody></table>
<h2>Cases</h2>
${rows}
</main></body></html>
`;
}
