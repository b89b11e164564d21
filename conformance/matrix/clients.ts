// The clients of the client matrix (client mode, `--serve`): two browsers' WebSocket and four libraries, each an echo client under examples/clients/.
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { GO_ENV, buildGo } from './servers.ts';

export type ClientLanguage = 'Browser' | 'Node' | 'Python' | 'Go';

export interface MatrixClient {
  /** Also the agent name it reports under, and the name of its committed report. */
  id: string;
  language: ClientLanguage;
  library: string;
  /** The file a reader can run, relative to the repository. */
  source: string;
  /** The Debian package that provides the library, for its version; null for what npm or the browser brings. */
  debianPackage: string | null;
}

export const MATRIX_CLIENTS: MatrixClient[] = [
  {
    id: 'chromium',
    language: 'Browser',
    library: 'Chromium’s WebSocket',
    source: 'examples/clients/browser/index.html',
    debianPackage: 'chromium',
  },
  {
    id: 'firefox',
    language: 'Browser',
    library: 'Firefox’s WebSocket',
    source: 'examples/clients/browser/index.html',
    debianPackage: 'firefox-esr',
  },
  {
    id: 'node-websocket',
    language: 'Node',
    library: 'Node’s built-in WebSocket (undici)',
    source: 'examples/clients/node-websocket.js',
    debianPackage: null,
  },
  { id: 'node-ws', language: 'Node', library: 'ws', source: 'examples/clients/ws-client.js', debianPackage: null },
  {
    id: 'python-websockets',
    language: 'Python',
    library: 'websockets',
    source: 'examples/clients/python-websockets.py',
    debianPackage: 'python3-websockets',
  },
  {
    id: 'go-gorilla',
    language: 'Go',
    library: 'gorilla/websocket',
    source: 'examples/clients/go-gorilla/main.go',
    debianPackage: 'golang-github-gorilla-websocket-dev',
  },
];

/** The version of what the client runs on: Node's and undici's, ws's from node_modules, or Debian's package version. */
export async function clientVersion(client: MatrixClient): Promise<string> {
  if (client.id === 'node-websocket') return `Node ${process.versions.node}, undici ${process.versions.undici}`;
  if (client.id === 'node-ws') return `ws ${JSON.parse(await readFile('node_modules/ws/package.json', 'utf8')).version}`;
  const query = spawnSync('dpkg-query', ['-W', '-f=${Version}', client.debianPackage!], { encoding: 'utf8' });
  return query.status === 0 ? `${client.debianPackage} ${query.stdout.trim()}` : `${client.debianPackage} (version unknown)`;
}

/** How long a library client may take for its whole run before it is stopped: a hung client fails its cases, it does not hang the recording. */
export const CLIENT_RUN_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs a library client (not a browser) against the fuzzing server at `url` until it exits; `binDir` holds built
 * Go programs. Rejects with the client's stderr when it exits with an error or runs past `timeoutMs`.
 */
export async function runLibraryClient(
  client: MatrixClient,
  url: string,
  binDir: string,
  timeoutMs = CLIENT_RUN_TIMEOUT_MS,
): Promise<void> {
  const [command, args, env] = ((): [string, string[], NodeJS.ProcessEnv] => {
    switch (client.language) {
      case 'Node':
        return [process.execPath, [client.source, url, client.id], process.env];
      case 'Python':
        return ['/usr/bin/python3', [client.source, url, client.id], process.env];
      case 'Go':
        return [buildGo(client, binDir), ['-url', url, '-agent', client.id], GO_ENV];
      case 'Browser':
        throw new TypeError(`${client.id} is a browser: the browser tests drive it (tests/e2e/fuzzing-client.ts).`);
    }
  })();
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${client.id} did not finish within ${timeoutMs} ms. ${errors}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${client.id} exited with ${code}. ${errors}`));
    });
  });
}
