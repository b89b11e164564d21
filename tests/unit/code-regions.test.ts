// Code excerpts in chapters are cut from real files by region markers: the helper, and every region a chapter uses.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRegion, regionNames, withoutRegionMarkers } from '../../src/lib/code-regions.ts';

const SOURCE = [
  'const a = 1;',
  '// #region outer',
  'function f() {',
  '  // #region inner',
  '  return a;',
  '  // #endregion inner',
  '}',
  '// #endregion outer',
  '',
].join('\n');

describe('codeRegion', () => {
  it('cuts the lines between the markers, drops nested markers, and removes the common indentation', () => {
    expect(codeRegion(SOURCE, 'outer')).toBe('function f() {\n  return a;\n}');
    expect(codeRegion(SOURCE, 'inner')).toBe('return a;');
    expect(regionNames(SOURCE)).toEqual(['outer', 'inner']);
    expect(withoutRegionMarkers(SOURCE)).toBe('const a = 1;\nfunction f() {\n  return a;\n}');
  });

  it('drops blank lines at either end of a region, as gofmt leaves before a closing marker', () => {
    expect(codeRegion('// #region go\n\nfunc f() {\n}\n\n// #endregion go\n', 'go')).toBe('func f() {\n}');
  });

  it('throws, naming the markers to add, when a region is missing', () => {
    expect(() => codeRegion(SOURCE, 'gone')).toThrow(
      'The source has no region "gone": mark it with // #region gone and // #endregion gone.',
    );
  });
});

/** Chapters that show excerpts cut by region. */
const CHAPTERS = readdirSync('src/content/docs').filter(
  (file) => file.endsWith('.mdx') && readFileSync(`src/content/docs/${file}`, 'utf8').includes('codeRegion('),
);

/** The files a chapter imports with ?raw, by the name it imports them as. */
function rawImports(chapter: string, text: string): Map<string, string> {
  const imports = new Map<string, string>();
  for (const [, name, path] of text.matchAll(/^import (\w+) from '([^']+)\?raw';$/gm)) {
    imports.set(name!, resolve(dirname(`src/content/docs/${chapter}`), path!));
  }
  return imports;
}

describe.each(CHAPTERS)('the regions %s shows', (chapter) => {
  const text = readFileSync(`src/content/docs/${chapter}`, 'utf8');
  const imports = rawImports(chapter, text);
  const used = [...text.matchAll(/codeRegion\((\w+), '([^']+)'\)/g)].map(([, source, region]) => [source!, region!] as const);

  it('all exist in the files they are cut from, and are not empty', () => {
    for (const [source, region] of used) {
      const file = imports.get(source);
      expect(file, `${source} is imported with ?raw`).toBeDefined();
      expect(regionNames(readFileSync(file!, 'utf8')), `${file} marks ${region}`).toContain(region);
      expect(codeRegion(readFileSync(file!, 'utf8'), region).trim()).not.toBe('');
    }
  });
});

describe('Writing a server', () => {
  const text = readFileSync('src/content/docs/writing-a-server.mdx', 'utf8');

  it('has no multi-line code block typed into the page: every one comes from a file', () => {
    const fences = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map(([, body]) => body!);
    expect(fences.filter((body) => body.trimEnd().includes('\n'))).toEqual([]);
    for (const [, code] of text.matchAll(/<Code code=\{([^}]+)\}/g)) {
      expect(code, 'a <Code> shows an imported file or a region of one').toMatch(
        /^(\w+|codeRegion\(\w+, '[^']+'\)|withoutRegionMarkers\(\w+\))$/,
      );
    }
  });

  it('titles every code block differently, since each is a landmark named by its title', () => {
    const titles = [...text.matchAll(/<Code [^>]*title="([^"]+)"/g)].map(([, title]) => title!);
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);
    // Expressive Code makes a block that scrolls sideways an unnamed region; two of them break axe's landmark-unique.
    expect([...text.matchAll(/<Code [^>]*\/>/g)].filter(([tag]) => !/ wrap \/>$/.test(tag!))).toEqual([]);
  });

  it('shows the Go examples that tests/server/go-examples.test.ts builds and runs', () => {
    const goTest = readFileSync('tests/server/go-examples.test.ts', 'utf8');
    const shown = [...rawImports('writing-a-server.mdx', text).values()].filter((file) => file.endsWith('.go'));
    expect(shown).toHaveLength(4);
    for (const file of shown) expect(goTest).toContain(`'${file.slice(file.indexOf('examples/'))}'`);
  });
});
