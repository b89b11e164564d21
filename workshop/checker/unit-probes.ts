// Checks that call a function the reader's file exports (parseFrameHeader, unmask) with bytes, and compare what it returns.
import { CheckFailure, type ServerModule } from './check.ts';
import type { CheckerText } from './checker-text.ts';
import { spacedHex } from './describe.ts';

/** The export a step needs, or a failure that says how to add it. */
export function requireExport<Name extends keyof ServerModule>(
  module: ServerModule,
  name: Name,
  signature: string,
  text: CheckerText,
): (...args: unknown[]) => unknown {
  const value = module[name];
  if (typeof value === 'function') return value as (...args: unknown[]) => unknown;
  throw new CheckFailure({
    sent: text.evidence.importFromYourFile(name),
    received: value === undefined ? text.evidence.noExportNamed(name) : text.evidence.notAFunction(name, typeof value),
    expected: `export function ${signature}`,
  });
}

/** Calls an export and turns an exception into a failure that shows it. */
export function callExport(
  fn: (...args: unknown[]) => unknown,
  call: { text: CheckerText; shown: string; expected: string },
  ...args: unknown[]
): unknown {
  try {
    return fn(...args);
  } catch (error) {
    throw new CheckFailure({
      sent: call.shown,
      received: call.text.evidence.threw(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      expected: call.expected,
    });
  }
}

/** A value as the checker shows it: Buffers and byte arrays as hex, the rest as JSON. */
export function show(value: unknown, text?: CheckerText): string {
  if (value instanceof Uint8Array) return `<${spacedHex(value, 16, text?.describe)}>`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  return `{ ${Object.entries(value)
    .map(([key, field]) => `${key}: ${show(field, text)}`)
    .join(', ')} }`;
}
