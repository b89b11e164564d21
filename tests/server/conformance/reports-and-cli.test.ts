// The verdict rules, the two reports and the command line, checked on real runs against small servers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { frameCases, matchesCaseList } from '../../../conformance/cases/index.ts';
import { main } from '../../../conformance/cli.ts';
import { parseTarget } from '../../../conformance/probe-socket.ts';
import type { JsonReport } from '../../../conformance/report-json.ts';
import { judgeClosing, judgeReplies, type ClosingFacts } from '../../../conformance/verdict.ts';
import { startPlantedServer } from './planted-server.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const facts = (over: Partial<ClosingFacts>): ClosingFacts => ({
  connectionWasOpen: true,
  closedByMe: true,
  wasClean: true,
  droppedByMe: false,
  remoteCloseCode: 1000,
  timedOut: false,
  ...over,
});
const normal = { closedByMe: true, closeCode: [1000], requireClean: true };

describe('verdicts, as Autobahn gives them', () => {
  it('judges the closing in Autobahn’s order: wrong endpoint, unclean, wrong code, dropped by the prober', () => {
    expect(judgeClosing(facts({}), normal).behaviorClose).toBe('OK');
    expect(judgeClosing(facts({ closedByMe: false }), normal).behaviorClose).toBe('FAILED');
    expect(judgeClosing(facts({ wasClean: false }), normal).behaviorClose).toBe('FAILED');
    expect(judgeClosing(facts({ wasClean: false }), { ...normal, requireClean: false }).behaviorClose).toBe('OK');
    expect(judgeClosing(facts({ remoteCloseCode: 1002 }), normal)).toMatchObject({ behaviorClose: 'NON-STRICT', wrongCode: true });
    expect(judgeClosing(facts({ remoteCloseCode: null }), normal).behaviorClose).toBe('OK');
    expect(judgeClosing(facts({ droppedByMe: true }), normal).behaviorClose).toBe('NON-STRICT');
    expect(judgeClosing(facts({ connectionWasOpen: false }), normal).behaviorClose).toBe('FAILED');
    expect(judgeClosing(facts({ timedOut: true }), normal).behaviorClose).toBe('FAILED');
  });

  it('gives OK before NON-STRICT when the replies match, and FAILED when they match neither', () => {
    const echo = { kind: 'message', binary: false, data: new TextEncoder().encode('hi') } as const;
    const expected = { OK: [echo], 'NON-STRICT': [] };
    expect(judgeReplies([echo], expected).behavior).toBe('OK');
    expect(judgeReplies([], expected).behavior).toBe('NON-STRICT');
    expect(judgeReplies([echo, echo], expected).behavior).toBe('FAILED');
    expect(judgeReplies([{ ...echo, binary: true }], expected).behavior).toBe('FAILED');
  });
});

describe('the case list', () => {
  it('holds Autobahn’s 517 cases of categories 1–7, 9, 10, 12 and 13, each id once', () => {
    const ids = frameCases().map((c) => c.id);
    expect(ids).toHaveLength(517);
    expect(new Set(ids).size).toBe(517);
    expect(ids.slice(0, 3)).toEqual(['1.1.1', '1.1.2', '1.1.3']);
    expect(ids).toContain('6.23.7');
    expect(ids).toContain('10.1.1');
    // Autobahn's five corpora and seven offers, each with its 18 message and fragment sizes.
    expect(ids.filter((id) => id.startsWith('12.'))).toHaveLength(90);
    expect(ids.filter((id) => id.startsWith('13.'))).toHaveLength(126);
    expect(ids.at(-1)).toBe('13.7.18');
  });

  it('sends Autobahn’s 1000 messages per compression case with --full, and 10 by default', () => {
    expect(frameCases().find((c) => c.id === '12.1.1')!.compression!.count).toBe(10);
    expect(frameCases(true).find((c) => c.id === '12.1.1')!.compression!.count).toBe(1000);
    expect(frameCases().find((c) => c.id === '13.7.18')!.compression).toMatchObject({ length: 131072, fragmentSize: 32768 });
  });

  it('filters with --cases patterns', () => {
    expect(matchesCaseList('6.4.1', '1.*,6.4.*')).toBe(true);
    expect(matchesCaseList('6.41.1', '6.4.*')).toBe(false);
    expect(matchesCaseList('1.1.1', '1.1.1')).toBe(true);
    expect(matchesCaseList('h.2', '1.*')).toBe(false);
  });

  it('runs category 9 at Autobahn’s sizes only with --full', () => {
    const size = (full: boolean) => frameCases(full).find((c) => c.id === '9.1.6')?.bulk?.length;
    expect(size(true)).toBe(16 * 1024 * 1024);
    expect(size(false)).toBe(1024 * 1024);
  });

  it('accepts only ws: and wss: URLs, with a sentence that says so', () => {
    expect(parseTarget('wss://example.test/chat?x=1')).toMatchObject({ secure: true, port: 443, path: '/chat?x=1' });
    expect(() => parseTarget('http://example.test/')).toThrow(/must start with ws:\/\/ or wss:\/\//);
  });
});

describe('npm run conformance', () => {
  it('writes the JSON report in its documented shape and a static HTML report, and exits 1 when a case FAILED', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    const broken = await startPlantedServer({ skipsUtf8Validation: true });
    stops.push(broken.stop);
    const json = join(dir, 'report.json');
    const html = join(dir, 'report.html');
    const code = await main([broken.url, '--cases', '1.1.1,6.3.1', '--json', json, '--html', html, '--agent', 'planted']);
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(Object.keys(report)).toEqual(['agent', 'url', 'cases']);
    expect(report).toMatchObject({ agent: 'planted', url: broken.url });
    expect(report.cases.map((c) => [c.id, c.behavior, c.behaviorClose])).toEqual([
      ['1.1.1', 'OK', 'OK'],
      ['6.3.1', 'FAILED', 'FAILED'],
    ]);
    const first = report.cases[0]!;
    expect(Object.keys(first)).toEqual(['id', 'description', 'expectation', 'behavior', 'behaviorClose', 'durationMs', 'sent', 'received']);
    // The sent bytes start with the handshake and end with the masked empty text frame and the Close.
    expect(Buffer.from(first.sent, 'hex').toString('latin1')).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    expect(first.sent).toContain('818037fa213d');
    const page = await readFile(html, 'utf8');
    // No requests: no scripts, stylesheets or images, and an empty data: icon so the browser asks for no favicon.
    expect(page.replace('<link rel="icon" href="data:,">', '')).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(page).toContain('<details id="case-6-3-1" class="failed">');
    expect(page).toContain('RFC 6455 §5.6, §8.1');
    expect(page).toContain('Byte 0: FIN, RSV1–3 and opcode');
  });

  it('exits 0 when nothing FAILED', async () => {
    const sound = await startPlantedServer();
    stops.push(sound.stop);
    expect(await main([sound.url, '--cases', '1.1.1,2.1'])).toBe(0);
  });
});
