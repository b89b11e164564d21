import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/limits.ts';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('documents every demo server limit with its environment variable and default', () => {
    for (const limit of Object.values(LIMITS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${limit.env}\` |`));
      expect(row, `README row for ${limit.env}`).toBeDefined();
      expect(row).toContain(`| ${limit.default} `);
    }
  });

  it('gives the two set-up commands, the start one first', () => {
    const start = readme.indexOf('npm install && npm run dev');
    expect(start).toBeGreaterThan(-1);
    expect(readme.indexOf('npm test')).toBeGreaterThan(start);
  });
});
