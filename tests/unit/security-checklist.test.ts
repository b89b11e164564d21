// The Security page's checklist links to tests by file and name; this keeps every link pointing at a test that exists.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURITY_CHECKLIST } from '../../src/data/security-checklist.ts';

describe('the security checklist', () => {
  it.each(SECURITY_CHECKLIST.map((item) => [item.check.en, item]))('%s: every linked test exists, or it says why none does', (_, item) => {
    if (item.coveredBy.length === 0) {
      expect(item.notCovered?.en, 'an item with no test says why').toMatch(/\w{10,}/);
      expect(item.notCovered?.['zh-CN'], 'and says it in Chinese').toMatch(/[\u4e00-\u9fff]{10,}/);
    }
    expect(item.check['zh-CN'], 'the check has its Chinese text').toMatch(/[\u4e00-\u9fff]/);
    for (const { file, name } of item.coveredBy) {
      expect(existsSync(file), `${file} exists`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} has a test named "${name}"`).toContain(name);
    }
  });
});
