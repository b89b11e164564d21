// Every case of the suite in Autobahn's order, with its category names, and the --cases filter.
import type { ConformanceCase, HandshakeCase } from './case-types.ts';
import { CLOSE_CASES, CLOSE_SUBCATEGORIES } from './closing.ts';
import { COMPRESSION_SUBCATEGORIES, compressionCases } from './compression.ts';
import { FRAGMENTATION_CASES } from './fragmentation.ts';
import { FRAMING_CASES } from './framing.ts';
import { HANDSHAKE_CASES } from './handshake.ts';
import { LIMITS_SUBCATEGORIES, MISC_CASES, limitsCases } from './limits.ts';
import { OPCODE_CASES } from './opcodes.ts';
import { PING_CASES } from './pings.ts';
import { RESERVED_BIT_CASES } from './reserved-bits.ts';
import { UTF8_CASES, UTF8_SUBCATEGORIES } from './utf8.ts';

export type { ConformanceCase, HandshakeCase } from './case-types.ts';

/** Autobahn's category names, plus ours for the handshake. */
export const CATEGORIES: Record<string, string> = {
  h: 'Opening handshake',
  '1': 'Framing',
  '2': 'Pings/Pongs',
  '3': 'Reserved Bits',
  '4': 'Opcodes',
  '5': 'Fragmentation',
  '6': 'UTF-8 Handling',
  '7': 'Close Handling',
  '9': 'Limits/Performance',
  '10': 'Misc',
  '12': 'WebSocket Compression (different payloads)',
  '13': 'WebSocket Compression (different parameters)',
};

/** Categories the suite cannot run yet: none, since categories 12 and 13 came with /ws/deflate. */
export const NOT_RUN_CATEGORIES: string[] = [];

export const SUBCATEGORIES: Record<string, string> = {
  '1.1': 'Text Messages',
  '1.2': 'Binary Messages',
  '4.1': 'Non-control Opcodes',
  '4.2': 'Control Opcodes',
  ...UTF8_SUBCATEGORIES,
  ...CLOSE_SUBCATEGORIES,
  ...LIMITS_SUBCATEGORIES,
  ...COMPRESSION_SUBCATEGORIES,
};

/** The category of a case id: `6.4.1` → `6`, `h.2` → `h`. */
export const categoryOf = (id: string): string => id.split('.')[0]!;

/** All frame cases in Autobahn's order; categories 9, 12 and 13 reduced unless `full`. */
export function frameCases(full = false): ConformanceCase[] {
  return [
    ...FRAMING_CASES,
    ...PING_CASES,
    ...RESERVED_BIT_CASES,
    ...OPCODE_CASES,
    ...FRAGMENTATION_CASES,
    ...UTF8_CASES,
    ...CLOSE_CASES,
    ...limitsCases(full),
    ...MISC_CASES,
    ...compressionCases(full),
  ];
}

/**
 * The cases client mode plays: every frame case but compression (categories 12 and 13), since the fuzzing server
 * does not negotiate permessage-deflate with the clients it tests.
 */
export function clientModeCases(full = false): ConformanceCase[] {
  return frameCases(full).filter((c) => c.compression === undefined);
}

export const handshakeCases = (): HandshakeCase[] => HANDSHAKE_CASES;

/**
 * Whether an id matches a `--cases` list such as `1.*,6.4.*,7.1.1,h.*`: each pattern is an id,
 * or a prefix ending in `.*`.
 */
export function matchesCaseList(id: string, list: string | undefined): boolean {
  if (list === undefined || list.trim() === '') return true;
  return list.split(',').some((raw) => {
    const pattern = raw.trim();
    if (pattern === '*') return true;
    if (pattern.endsWith('.*')) return id.startsWith(pattern.slice(0, -1));
    return id === pattern;
  });
}

/** Autobahn's sort: numerically by each part of the id, with our handshake cases first. */
export function compareCaseIds(a: string, b: string): number {
  const parts = (id: string) => id.split('.').map((p) => (p === 'h' ? -1 : Number(p)));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
