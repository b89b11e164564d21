// The Chinese edition stays in step with the English, and speaks with one vocabulary (src/lib/i18n/glossary.ts).
import { globSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src/lib/i18n/glossary.ts';
import {
  CHINESE_HINTS_FILE,
  DOCS_DIR,
  HINTS_DIR,
  HINTS_FILE,
  LOCALE_DIR,
  sha256,
  stamp,
  translationProblems,
  translationStatus,
} from '../../scripts/i18n-status.ts';

describe('translation status', () => {
  it('has no Chinese page or hints file out of date with its English source, and every one names its source', () => {
    const outOfDate = translationStatus()
      .filter((page) => page.state === 'out of date')
      .map((page) => `${page.translation} (English: ${page.english}); update it, then npm run i18n:status -- --stamp ${page.translation}`);
    expect(outOfDate).toEqual([]);
    expect(translationProblems()).toEqual([]);
  });

  it('has translated some pages, the home page among them', () => {
    const translated = translationStatus().filter((page) => page.state === 'up to date');
    expect(translated.map((page) => page.english)).toContain(`${DOCS_DIR}/index.mdx`);
  });

  it("holds every workshop step's hints to a Chinese translation, as it holds the pages", () => {
    const hints = translationStatus().filter((text) => text.english.startsWith(`${HINTS_DIR}/`));
    expect(hints.map((text) => text.english)).toContain(`${HINTS_DIR}/01-handshake/${HINTS_FILE}`);
    expect(hints.filter((text) => text.state !== 'up to date')).toEqual([]);
  });

  it('reports a hints translation out of date once its English changes, and one naming another source', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-status-'));
    mkdirSync(join(root, DOCS_DIR), { recursive: true });
    const step = join(root, HINTS_DIR, '01-step');
    mkdirSync(step, { recursive: true });
    mkdirSync(join(root, HINTS_DIR, '02-step'));
    writeFileSync(join(root, HINTS_DIR, '02-step', HINTS_FILE), 'Two.\n');
    const english = join(step, HINTS_FILE);
    const translation = join(step, CHINESE_HINTS_FILE);
    writeFileSync(english, '<details>\n<summary>Hint 1</summary>\n\nOne.\n\n</details>\n');
    writeFileSync(
      translation,
      `---\ntranslation:\n  source: ${HINTS_DIR}/01-step/${HINTS_FILE}\n  sourceSha256: ${sha256(english)}\n---\n\n<details>\n<summary>提示 1</summary>\n\n一。\n\n</details>\n`,
    );
    const states = () => translationStatus(root).map((text) => [text.english, text.translation, text.state]);
    expect(states()).toEqual([
      [`${HINTS_DIR}/01-step/${HINTS_FILE}`, `${HINTS_DIR}/01-step/${CHINESE_HINTS_FILE}`, 'up to date'],
      [`${HINTS_DIR}/02-step/${HINTS_FILE}`, `${HINTS_DIR}/02-step/${CHINESE_HINTS_FILE}`, 'not translated'],
    ]);

    writeFileSync(english, '<details>\n<summary>Hint 1</summary>\n\nOne, and two.\n\n</details>\n');
    expect(states()[0]![2]).toBe('out of date');
    stamp(translation, root);
    expect(states()[0]![2]).toBe('up to date');

    writeFileSync(
      join(root, HINTS_DIR, '02-step', CHINESE_HINTS_FILE),
      `---\ntranslation:\n  source: ${HINTS_DIR}/01-step/${HINTS_FILE}\n  sourceSha256: ${sha256(english)}\n---\n\n二。\n`,
    );
    expect(translationProblems(root)).toEqual([
      `${HINTS_DIR}/02-step/${CHINESE_HINTS_FILE}: names ${HINTS_DIR}/01-step/${HINTS_FILE} as its source, but mirrors ${HINTS_DIR}/02-step/${HINTS_FILE}`,
    ]);
  });

  it('reports a translation out of date once its English changes, and up to date after a stamp', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-status-'));
    mkdirSync(join(root, DOCS_DIR, LOCALE_DIR), { recursive: true });
    const english = join(root, DOCS_DIR, 'page.mdx');
    const translation = join(root, DOCS_DIR, LOCALE_DIR, 'page.mdx');
    writeFileSync(english, '---\ntitle: Page\n---\n\nOne.\n');
    writeFileSync(join(root, DOCS_DIR, 'other.mdx'), '---\ntitle: Other\n---\n');
    writeFileSync(
      translation,
      `---\ntitle: 页面\ntranslation:\n  source: ${DOCS_DIR}/page.mdx\n  sourceSha256: ${sha256(english)}\n---\n\n一。\n`,
    );
    const states = () => Object.fromEntries(translationStatus(root).map((page) => [page.english, page.state]));
    expect(states()).toEqual({ [`${DOCS_DIR}/other.mdx`]: 'not translated', [`${DOCS_DIR}/page.mdx`]: 'up to date' });

    writeFileSync(english, '---\ntitle: Page\n---\n\nOne, and two.\n');
    expect(states()[`${DOCS_DIR}/page.mdx`]).toBe('out of date');

    stamp(translation, root);
    expect(states()[`${DOCS_DIR}/page.mdx`]).toBe('up to date');
  });

  it('reports a translation that names no source, or another page as its source', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-status-'));
    mkdirSync(join(root, DOCS_DIR, LOCALE_DIR), { recursive: true });
    writeFileSync(join(root, DOCS_DIR, 'a.mdx'), '---\ntitle: A\n---\n');
    writeFileSync(join(root, DOCS_DIR, LOCALE_DIR, 'a.mdx'), '---\ntitle: 甲\n---\n');
    writeFileSync(
      join(root, DOCS_DIR, LOCALE_DIR, 'b.mdx'),
      `---\ntitle: 乙\ntranslation:\n  source: ${DOCS_DIR}/a.mdx\n  sourceSha256: ${'0'.repeat(64)}\n---\n`,
    );
    expect(translationProblems(root)).toEqual([
      `${DOCS_DIR}/${LOCALE_DIR}/a.mdx: its front matter names no English source (translation.source, translation.sourceSha256)`,
      `${DOCS_DIR}/${LOCALE_DIR}/b.mdx: names ${DOCS_DIR}/a.mdx as its source, but mirrors ${DOCS_DIR}/b.mdx`,
    ]);
  });
});

/** A Chinese page's own prose: no front matter, imports, code, quotations of other texts, URLs or markup. */
function ownProse(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^```[\s\S]*?^```$/gm, '')
    .replace(/^(import|export) .*$/gm, '')
    .replace(/^>.*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/“[^”\n]*”|「[^」\n]*」/g, '')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/<[^>\n]*>/g, '');
}

// The workshop's Chinese hints are shown inside the Chinese step pages, so they are held to the same vocabulary.
const CHINESE_PAGES = [
  ...readdirSync(join(DOCS_DIR, LOCALE_DIR), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => join(DOCS_DIR, LOCALE_DIR, file)),
  ...globSync(`${HINTS_DIR}/*/${CHINESE_HINTS_FILE}`).sort(),
];

// A ruled-out word may still name its own idea when the text says which, as in TCP 的分段（segmentation）.
const glossedAsItsOwnIdea = (variant: string) => new RegExp(`${variant}[（(][A-Za-z -]+[）)]`, 'g');

/** The ruled-out words a Chinese text uses, each with the term to say instead. */
function ruledOutWords(text: string): string[] {
  return GLOSSARY.flatMap((term) =>
    (term.notThese ?? [])
      .filter((variant) => text.replace(glossedAsItsOwnIdea(variant), '').includes(variant))
      .map((variant) => `${variant} (say ${term.zh} for ${term.en})`),
  );
}

/**
 * The Chinese string literals of a text table's source, quotations taken out. Comment lines go first (an apostrophe
 * in one would open a false literal); the glossary's own lists of ruled-out words are what the rule reads, not prose.
 */
function chineseLiterals(file: string): string[] {
  const code = readFileSync(file, 'utf8')
    .replace(/^\s*(\/\/|\/?\*).*$/gm, '')
    .replace(/notThese: \[[^\]]*\]/g, '');
  const literals = code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
  return literals.filter((literal) => /\p{Script=Han}/u.test(literal)).map((literal) => literal.replace(/“[^”\n]*”|「[^」\n]*」/g, ''));
}

// Found by glob, so a widget's text table added on any branch is held to the glossary without being listed here.
const TEXT_TABLES = globSync(['src/components/*-text.ts', 'src/lib/i18n/*.ts', 'workshop/**/*-text.ts', 'server/**/*-text.ts']).sort();

describe('the glossary', () => {
  it('gives each idea one term, different from every word it rules out', () => {
    expect(new Set(GLOSSARY.map((term) => term.zh)).size).toBe(GLOSSARY.length);
    for (const term of GLOSSARY) for (const variant of term.notThese ?? []) expect(variant).not.toBe(term.zh);
  });

  it("reads the workshop's Chinese hints as well as the Chinese pages", () => {
    expect(CHINESE_PAGES).toContain(`${DOCS_DIR}/${LOCALE_DIR}/frames.mdx`);
    expect(CHINESE_PAGES).toContain(`${HINTS_DIR}/01-handshake/${CHINESE_HINTS_FILE}`);
  });

  describe.each(CHINESE_PAGES)('%s', (file) => {
    const prose = ownProse(file);

    it('uses none of the translations the glossary rules out, outside quotations', () => {
      expect(ruledOutWords(prose)).toEqual([]);
    });

    // The glossary page's own table gives the English of every term.
    it.skipIf(file.endsWith(`${LOCALE_DIR}/glossary.mdx`))('gives the English of each protocol term it uses, in parentheses', () => {
      // 帧 inside 控制帧 is a use of 控制帧, not of 帧.
      const usesOnItsOwn = (zh: string) =>
        GLOSSARY.filter((longer) => longer.zh !== zh && longer.zh.includes(zh))
          .reduce((text, longer) => text.replaceAll(longer.zh, ''), prose)
          .includes(zh);
      const missing = GLOSSARY.filter((term) => term.firstUseWithEnglish && usesOnItsOwn(term.zh))
        .filter((term) => !new RegExp(`${term.zh}[\\]]?[（(]${term.en}`, 'i').test(prose))
        .map((term) => `${term.zh}（${term.en}）`);
      expect(missing).toEqual([]);
    });
  });
});

describe("the widgets' and the checker's text tables", () => {
  it("are found, the transport race's among them", () => {
    expect(TEXT_TABLES).toContain('src/components/transport-race-text.ts');
  });

  describe.each(TEXT_TABLES)('%s', (file) => {
    it('uses none of the translations the glossary rules out in its Chinese strings, outside quotations', () => {
      const found = chineseLiterals(file).flatMap((literal) => ruledOutWords(literal).map((word) => `${word} in ${literal}`));
      expect(found).toEqual([]);
    });
  });

  it('catches a ruled-out word in a Chinese string literal, and not in a comment or a quotation', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-text-'));
    const file = join(root, 'x-text.ts');
    writeFileSync(file, "// 讯息 in a comment\nconst a = { zh: '一条讯息', quoted: '“讯息”', en: 'message' };\n");
    expect(chineseLiterals(file).flatMap(ruledOutWords)).toEqual(['讯息 (say 消息 for message)']);
  });
});
