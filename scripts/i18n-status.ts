// `npm run i18n:status`: which English pages and workshop hints have a Chinese translation, and which are out of date.
// `npm run i18n:status -- --stamp src/content/docs/zh-cn/x.mdx` records that a translation matches its English today.
//
// Each translated page names its English source and that file's SHA-256 in its front matter (`translation:`); so
// does each workshop step's `hints.zh-cn.md`, the Chinese of the `hints.md` beside it.
// This does what Lunaria does for Starlight sites without reading git history, so it gives the same answer on a
// shallow CI clone and before a change is committed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const DOCS_DIR = 'src/content/docs';
export const LOCALE_DIR = 'zh-cn';
/** Each workshop step's folder under here holds its hints in English and, beside them, in Chinese. */
export const HINTS_DIR = 'workshop/steps';
export const HINTS_FILE = 'hints.md';
export const CHINESE_HINTS_FILE = 'hints.zh-cn.md';

export type TranslationState = 'up to date' | 'out of date' | 'not translated';

export interface PageStatus {
  /** The English page (or workshop hints file), relative to the project root. */
  english: string;
  /** Where its translation lives (or would live). */
  translation: string;
  state: TranslationState;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The `translation:` block of a page's front matter, or undefined on a page that has none. */
export function readTranslationSource(file: string): { source: string; sourceSha256: string } | undefined {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  const block = /^translation:\n((?:[ \t]+.*\n?)+)/m.exec(frontMatter)?.[1];
  if (!block) return undefined;
  const source = /^\s+source:\s*['"]?([^'"\n]+)['"]?\s*$/m.exec(block)?.[1];
  const sourceSha256 = /^\s+sourceSha256:\s*['"]?([0-9a-f]{64})['"]?\s*$/m.exec(block)?.[1];
  return source && sourceSha256 ? { source, sourceSha256 } : undefined;
}

function pagesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => join(dir, file).replace(/\\/g, '/'))
    .sort();
}

/** A workshop step's hints, shown on its page, with its Chinese beside it (the Chinese page imports that file). */
function hintsUnder(stepsDir: string, fileName: string): string[] {
  if (!existsSync(stepsDir)) return [];
  return readdirSync(stepsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(stepsDir, entry.name, fileName)))
    .map((entry) => join(stepsDir, entry.name, fileName).replace(/\\/g, '/'))
    .sort();
}

/** Each English text under `root` and the path its translation has (or would have), both relative to `root`. */
function englishTexts(root: string): { english: string; translation: string }[] {
  const docs = join(root, DOCS_DIR);
  const localeRoot = join(docs, LOCALE_DIR);
  const pages = pagesUnder(docs)
    .filter((file) => !file.startsWith(`${localeRoot}/`))
    .map((englishPath) => ({ englishPath, translationPath: join(localeRoot, relative(docs, englishPath)) }));
  const hints = hintsUnder(join(root, HINTS_DIR), HINTS_FILE).map((englishPath) => ({
    englishPath,
    translationPath: join(dirname(englishPath), CHINESE_HINTS_FILE),
  }));
  return [...pages, ...hints].map(({ englishPath, translationPath }) => ({
    english: relative(root, englishPath),
    translation: relative(root, translationPath),
  }));
}

/** Each Chinese text under `root` and the English it mirrors, both relative to `root`. */
function chineseTexts(root: string): { translation: string; mirrors: string }[] {
  const docs = join(root, DOCS_DIR);
  const localeRoot = join(docs, LOCALE_DIR);
  const pages = existsSync(localeRoot)
    ? pagesUnder(localeRoot).map((translationPath) => ({ translationPath, englishPath: join(docs, relative(localeRoot, translationPath)) }))
    : [];
  const hints = hintsUnder(join(root, HINTS_DIR), CHINESE_HINTS_FILE).map((translationPath) => ({
    translationPath,
    englishPath: join(dirname(translationPath), HINTS_FILE),
  }));
  return [...pages, ...hints].map(({ translationPath, englishPath }) => ({
    translation: relative(root, translationPath),
    mirrors: relative(root, englishPath),
  }));
}

/** Every English page and workshop hints file with the state of its translation, from the files under `root`. */
export function translationStatus(root = '.'): PageStatus[] {
  return englishTexts(root).map(({ english, translation }) => {
    const translationPath = join(root, translation);
    if (!existsSync(translationPath)) return { english, translation, state: 'not translated' as const };
    const recorded = readTranslationSource(translationPath);
    const current = recorded?.source === english && recorded.sourceSha256 === sha256(join(root, english));
    return { english, translation, state: current ? ('up to date' as const) : ('out of date' as const) };
  });
}

/** Problems with the translations themselves: a text with no source recorded, or one naming the wrong source. */
export function translationProblems(root = '.'): string[] {
  return chineseTexts(root).flatMap(({ translation, mirrors }) => {
    const recorded = readTranslationSource(join(root, translation));
    if (!recorded) return [`${translation}: its front matter names no English source (translation.source, translation.sourceSha256)`];
    if (recorded.source !== mirrors) return [`${translation}: names ${recorded.source} as its source, but mirrors ${mirrors}`];
    if (!existsSync(join(root, mirrors))) return [`${translation}: its English source ${mirrors} does not exist`];
    return [];
  });
}

/** Writes the English source's hash today into a translation's front matter. */
export function stamp(translationPath: string, root = '.'): void {
  const recorded = readTranslationSource(translationPath);
  if (!recorded) throw new Error(`${translationPath} has no translation: block in its front matter`);
  const text = readFileSync(translationPath, 'utf8');
  writeFileSync(translationPath, text.replace(recorded.sourceSha256, sha256(join(root, recorded.source))));
}

if (import.meta.main) {
  const stampAt = process.argv.indexOf('--stamp');
  if (stampAt !== -1) {
    for (const file of process.argv.slice(stampAt + 1)) {
      stamp(file);
      console.log(`stamped ${file}`);
    }
  }
  const statuses = translationStatus();
  const problems = translationProblems();
  for (const state of ['out of date', 'up to date', 'not translated'] as const) {
    const pages = statuses.filter((page) => page.state === state);
    console.log(`\n${state}: ${pages.length}`);
    for (const page of pages) console.log(`  ${page.english}${state === 'not translated' ? '' : ` → ${page.translation}`}`);
  }
  for (const problem of problems) console.log(`problem: ${problem}`);
  const outOfDate = statuses.filter((page) => page.state === 'out of date');
  if (outOfDate.length > 0) {
    console.log('\nUpdate each translation to match its English (git log -p on the English file shows what changed),');
    console.log('then run: npm run i18n:status -- --stamp <translation>');
  }
  process.exitCode = outOfDate.length > 0 || problems.length > 0 ? 1 : 0;
}
