// Every refusal the demo server can send has a Chinese sentence, and a widget shows it with the server's words kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ERROR_SENTENCES_ZH, describeDemoError, splitDemoReason } from '../../src/lib/i18n/demo-error-text.ts';

/** Every `'DEMO_ERR_…'` string literal in the server's sources: the codes it can put on the wire. */
function serverCodes(directory = 'server'): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) serverCodes(path).forEach((code) => codes.add(code));
    else if (entry.name.endsWith('.ts')) {
      for (const [, code] of readFileSync(path, 'utf8').matchAll(/['"](DEMO_ERR_[A-Z0-9_]+)['"]/g)) codes.add(code!);
    }
  }
  return codes;
}

describe('the refusals in Chinese', () => {
  const codes = serverCodes();

  it('finds the codes in the server sources', () => {
    // A floor, not an exact count: it proves the scan read the server, and grows with it.
    expect(codes.size).toBeGreaterThanOrEqual(50);
    expect(codes).toContain('DEMO_ERR_ORIGIN_NOT_ALLOWED');
  });

  it('has a sentence for every code the server can send, and none for a code it cannot', () => {
    expect([...codes].filter((code) => !(code in DEMO_ERROR_SENTENCES_ZH))).toEqual([]);
    expect(Object.keys(DEMO_ERROR_SENTENCES_ZH).filter((code) => !codes.has(code))).toEqual([]);
  });

  it('shows the English as sent on an English page', () => {
    expect(describeDemoError('DEMO_ERR_IDLE', 'No message for 300 ms.', 'en')).toBe('No message for 300 ms.');
  });

  it("shows the Chinese sentence with the server's own words on a Chinese page", () => {
    expect(describeDemoError('DEMO_ERR_IDLE', 'No message for 300 ms.', 'zh-CN')).toBe(
      `${DEMO_ERROR_SENTENCES_ZH['DEMO_ERR_IDLE']}（服务器原文：No message for 300 ms.）`,
    );
    expect(describeDemoError('DEMO_ERR_NOT_A_CODE', 'Odd.', 'zh-CN')).toBe('演示服务器拒绝了这个请求。（服务器原文：Odd.）');
  });

  it('splits a close reason into its code and sentence', () => {
    expect(splitDemoReason('DEMO_ERR_IDLE: No message for 300 ms.')).toEqual({ code: 'DEMO_ERR_IDLE', message: 'No message for 300 ms.' });
    expect(splitDemoReason('Going away')).toEqual({ code: undefined, message: 'Going away' });
  });
});
