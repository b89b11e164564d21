// Keeps the protocol core runnable in browsers and Node alike: no Node APIs, no DOM, no imports from outside it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../../src/lib/protocol/index.ts';

const DIR = join(import.meta.dirname, '../../../src/lib/protocol');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

/** Every module specifier in `import … from '…'`, `export … from '…'` and `import('…')`, with whether it is type-only. */
function importsOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm))
    found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

describe('src/lib/protocol', () => {
  it.each(files)('%s imports only sibling files, by their .ts name', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    for (const { specifier, typeOnly } of importsOf(source)) {
      if (typeOnly && !specifier.startsWith('.')) continue;
      // The site's list of languages is a type, gone at run time, so the core still runs anywhere; its words in
      // those languages are the core's own (protocol-text.ts).
      if (typeOnly && specifier === '../i18n/locale.ts') continue;
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[a-z0-9-]+\.ts$/);
    }
  });

  it.each(files)('%s uses no Node or DOM globals', (file) => {
    // Comments and string literals may mention these words; only code may not use them.
    const code = readFileSync(join(DIR, file), 'utf8')
      .replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
      .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
    expect(code).not.toMatch(/\b(Buffer|process|require|__dirname|global|window|document|navigator|setImmediate)\b/);
  });

  it('starts every file with a one-line comment saying what it is for', () => {
    for (const file of files) expect(readFileSync(join(DIR, file), 'utf8'), file).toMatch(/^\/\/ \S.*\n/);
  });

  it('re-exports every file from index.ts', () => {
    const index = readFileSync(join(DIR, 'index.ts'), 'utf8');
    for (const file of files.filter((f) => f !== 'index.ts')) expect(index, file).toContain(`'./${file}'`);
    expect(Object.keys(api)).toEqual(
      expect.arrayContaining(['decodeFrame', 'encodeFrame', 'FrameParser', 'MessageAssembler', 'CLOSE_CODES', 'OPCODES', 'checkVersion']),
    );
  });

  it('the scanner sees the imports it must refuse', () => {
    expect(importsOf("import { createHash } from 'node:crypto';")).toEqual([{ specifier: 'node:crypto', typeOnly: false }]);
    expect(importsOf("import type { X } from '../../site/x.ts';")).toEqual([{ specifier: '../../site/x.ts', typeOnly: true }]);
    expect(importsOf("export { a } from './a.ts';\nconst m = import('fs');")).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: 'fs', typeOnly: false },
    ]);
  });
});
