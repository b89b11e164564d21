import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/limits.ts';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('documents every demo server limit with its environment variable and default', () => {
    for (const limit of Object.values(LIMITS)) {
      const row = new RegExp(`^\\|\\s*\`${limit.env}\`\\s*\\|\\s*${limit.default}\\b`, 'm');
      expect(readme, `README row for ${limit.env} with default ${limit.default}`).toMatch(row);
    }
  });

  it('gives the two set-up commands, the start one first', () => {
    const start = readme.indexOf('npm install && npm run dev');
    expect(start).toBeGreaterThan(-1);
    expect(readme.indexOf('npm test')).toBeGreaterThan(start);
  });
});
