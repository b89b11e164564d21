// Cuts named regions out of real source files, so a chapter shows the code that runs and cannot drift from it.

const MARKER = /^\s*\/\/ #(region|endregion)\b.*$/;

/**
 * The lines between `// #region name` and `// #endregion name`, without the markers of any region nested inside or
 * blank lines at either end (gofmt puts one before a marker that follows a function), and with their common
 * indentation removed. Throws when the region is missing, so a renamed marker fails the build.
 */
export function codeRegion(source: string, name: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line, index) => index > start && line.trim() === `// #endregion ${name}`);
  if (start === -1 || end === -1) {
    throw new Error(`The source has no region "${name}": mark it with // #region ${name} and // #endregion ${name}.`);
  }
  const body = lines.slice(start + 1, end).filter((line) => !MARKER.test(line));
  while (body.length > 0 && body[0]!.trim() === '') body.shift();
  while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
  const indent = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return body.map((line) => line.slice(indent)).join('\n');
}

/** The whole file as a reader should see it: every region marker line removed, trailing newline trimmed. */
export function withoutRegionMarkers(source: string): string {
  return source
    .split('\n')
    .filter((line) => !MARKER.test(line))
    .join('\n')
    .trimEnd();
}

/** The names of every region the source marks. */
export function regionNames(source: string): string[] {
  return [...source.matchAll(/^\s*\/\/ #region (\S+)\s*$/gm)].map((match) => match[1]!);
}
