// The recorded conformance runs, all of them or one language's, for the matrix, its explanations and the language guides.
import summary from '../data/conformance/summary.json';
import type { Language } from '../../conformance/matrix/servers.ts';
import type { ServerSummary } from '../../conformance/matrix/summary.ts';

/** The servers of `src/data/conformance/summary.json` in the order recorded; only `language`'s when it is given. */
export function recordedServers(language?: Language): ServerSummary[] {
  return (summary.servers as ServerSummary[]).filter((server) => language === undefined || server.language === language);
}
