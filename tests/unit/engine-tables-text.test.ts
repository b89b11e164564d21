// The engine and browser-support tables have words in every language for every row and phrase their data holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BROWSER_SUPPORT_TABLE_TEXT } from '../../src/components/browser-support-table-text.ts';
import { ENGINE_TABLE_TEXT } from '../../src/components/engine-table-text.ts';

const engines = JSON.parse(readFileSync('src/data/engines.json', 'utf8')) as {
  definitions: { id: string }[];
  engines: Record<string, { facts: Record<string, { page: string[]; wire: string }> }>;
};
const support = JSON.parse(readFileSync('src/data/browser-support.json', 'utf8')) as {
  bcd: { timestamp: string };
  features: { id: string; observed: Record<string, string> | null }[];
};
const zhEngine = ENGINE_TABLE_TEXT['zh-CN'];
const zhSupport = BROWSER_SUPPORT_TABLE_TEXT['zh-CN'];

describe('the engine table in Chinese', () => {
  it('has Chinese words for every row of src/data/engines.json, and for no row it lacks', () => {
    expect(Object.keys(zhEngine.rows!).sort()).toEqual(engines.definitions.map((definition) => definition.id).sort());
  });

  it('shows every observation the browsers recorded, translated or kept as the API notation', () => {
    const recorded = Object.values(engines.engines).flatMap((engine) =>
      Object.values(engine.facts).flatMap((fact) => [...fact.page, fact.wire]),
    );
    expect(recorded.filter((phrase) => zhEngine.observation(phrase) === undefined)).toEqual([]);
    expect(zhEngine.observation('close 1006 (not clean)')).toBe('close 1006（wasClean 为 false）');
    expect(zhEngine.observation('no frame')).toBe('没有帧');
  });
});

describe('the browser-support table in Chinese', () => {
  it('has words for what each engine showed here', () => {
    const observed = support.features.flatMap((feature) => Object.values(feature.observed ?? {}));
    expect(observed.filter((phrase) => zhSupport.observation(phrase) === undefined)).toEqual([]);
  });

  it('names only features the data has', () => {
    const ids = support.features.map((feature) => feature.id);
    for (const id of Object.keys(zhSupport.featureNames!)) expect(ids).toContain(id);
  });

  it('dates the data the Chinese way, and the English way in English', () => {
    expect(zhSupport.date('2026-11-12T14:10:29.391Z')).toBe('2026年11月12日');
    expect(BROWSER_SUPPORT_TABLE_TEXT.en.date('2026-11-12T23:59:00Z')).toBe('12 November 2026');
    expect(zhSupport.date(support.bcd.timestamp)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  it('says since which version, with the caveats in Chinese', () => {
    expect(zhSupport.supportedSince('97', 'behind a flag, partial')).toBe('97 起（需开启实验标志，部分实现）');
    expect(zhSupport.supportedSince('124', null)).toBe('124 起');
    expect(BROWSER_SUPPORT_TABLE_TEXT.en.supportedSince('97', 'partial')).toBe('97 (partial)');
  });
});
