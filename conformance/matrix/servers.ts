// The servers of the conformance matrix: one idiomatic echo server per library, each from Debian's packages, and how to start it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyHttpLimits, createDemoServer, httpServerOptions } from '../../server/index.ts';

export type Language = 'Node' | 'Go' | 'Python' | 'Ruby' | 'Java';

export interface MatrixServer {
  /** Also the name of its folder under examples/servers/ and of its report. */
  id: string;
  language: Language;
  library: string;
  /** The file a reader can run, relative to the repository. */
  source: string;
  /** The Debian package that provides the library, for its version; null for npm's ws. */
  debianPackage: string | null;
}

export interface RunningServer {
  url: string;
  /** Where categories 12 and 13 run, if not at `url`. */
  compressionUrl?: string;
  stop: () => Promise<void>;
}

export const MATRIX_SERVERS: MatrixServer[] = [
  { id: 'node-ws', language: 'Node', library: 'ws', source: 'examples/servers/node-ws/server.js', debianPackage: null },
  { id: 'node-demo', language: 'Node', library: 'the demo server (ws, with its limits)', source: 'server/index.ts', debianPackage: null },
  {
    id: 'node-workshop',
    language: 'Node',
    library: 'the workshop’s step 8 solution (node: modules only)',
    source: 'workshop/steps/08-limits/solution.ts',
    debianPackage: null,
  },
  {
    id: 'go-gorilla',
    language: 'Go',
    library: 'gorilla/websocket',
    source: 'examples/servers/go-gorilla/main.go',
    debianPackage: 'golang-github-gorilla-websocket-dev',
  },
  {
    id: 'go-xnet',
    language: 'Go',
    library: 'golang.org/x/net/websocket',
    source: 'examples/servers/go-xnet/main.go',
    debianPackage: 'golang-golang-x-net-dev',
  },
  {
    id: 'go-nhooyr',
    language: 'Go',
    library: 'nhooyr.io/websocket (coder/websocket)',
    source: 'examples/servers/go-nhooyr/main.go',
    debianPackage: 'golang-nhooyr-websocket-dev',
  },
  {
    id: 'python-websockets',
    language: 'Python',
    library: 'websockets',
    source: 'examples/servers/python-websockets/server.py',
    debianPackage: 'python3-websockets',
  },
  {
    id: 'python-aiohttp',
    language: 'Python',
    library: 'aiohttp',
    source: 'examples/servers/python-aiohttp/server.py',
    debianPackage: 'python3-aiohttp',
  },
  {
    id: 'python-tornado',
    language: 'Python',
    library: 'Tornado',
    source: 'examples/servers/python-tornado/server.py',
    debianPackage: 'python3-tornado',
  },
  {
    id: 'ruby-faye',
    language: 'Ruby',
    library: 'faye-websocket (on Thin)',
    source: 'examples/servers/ruby-faye/server.rb',
    debianPackage: 'ruby-faye-websocket',
  },
  {
    id: 'java-jetty9',
    language: 'Java',
    library: 'Jetty 9.4 WebSocket API',
    source: 'examples/servers/java-jetty9/EchoServer.java',
    debianPackage: 'libjetty9-extra-java',
  },
];

/** GOPATH mode finds imports in Debian's /usr/share/gocode, so nothing is downloaded (as tests/server/go-examples.test.ts does). */
export const GO_ENV = {
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: '/usr/share/gocode',
  GOFLAGS: '',
  GOCACHE: join(tmpdir(), 'ws-workshop-go-cache'),
};

/** The version of the library as installed: Debian's package version, or ws's from node_modules. */
export async function libraryVersion(server: MatrixServer): Promise<string> {
  if (server.id === 'node-workshop') return `Node ${process.versions.node}, node: modules only`;
  if (server.debianPackage === null) {
    const { readFile } = await import('node:fs/promises');
    return `ws ${JSON.parse(await readFile('node_modules/ws/package.json', 'utf8')).version}`;
  }
  const query = spawnSync('dpkg-query', ['-W', '-f=${Version}', server.debianPackage], { encoding: 'utf8' });
  return query.status === 0 ? `${server.debianPackage} ${query.stdout.trim()}` : `${server.debianPackage} (version unknown)`;
}

/** A free loopback port, for the servers that cannot report the port they were given 0 for. */
async function freePort(): Promise<number> {
  const probe = createHttpServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Spawns a program and waits (at most `timeoutMs`) for the `listening on ws://…/` line every example prints. */
async function spawnServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): Promise<RunningServer> {
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} ${args.join(' ')} did not say where it listens within ${timeoutMs} ms. ${errors}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const match = /listening on (ws:\/\/\S+)/.exec(output);
      if (match) (clearTimeout(timer), resolve(match[1]!));
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${command} exited with ${code} before listening. ${errors}`))));
  });
  child.stdout!.resume();
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}

async function listenInProcess(server: Server, path: string, close: () => Promise<void>): Promise<RunningServer> {
  // Upgraded sockets leave the HTTP server's own tracking but still hold close() open, so keep them here.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    stop: async () => {
      await close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Builds a Go example (a server, or a client of the client matrix) into `binDir` once; returns the program's path. */
export function buildGo(server: { id: string; source: string }, binDir: string): string {
  const output = join(binDir, server.id);
  const build = spawnSync('go', ['build', '-o', output, server.source], { env: GO_ENV, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`go build ${server.source} failed: ${build.stderr}`);
  return output;
}

/** Starts one matrix server on a loopback port; `binDir` holds built programs. */
export async function startMatrixServer(server: MatrixServer, binDir: string): Promise<RunningServer> {
  switch (server.language) {
    case 'Go':
      return spawnServer(buildGo(server, binDir), ['-addr', '127.0.0.1:0']);
    case 'Python':
      return spawnServer('/usr/bin/python3', [server.source, String(await freePort())]);
    case 'Ruby':
      return spawnServer('ruby', [server.source, String(await freePort())]);
    case 'Java':
      return spawnServer('java', ['-cp', '/usr/share/java/*', server.source, String(await freePort())], process.env, 60_000);
    case 'Node':
      break;
  }
  if (server.id === 'node-ws') return spawnServer(process.execPath, [server.source, String(await freePort())]);
  if (server.id === 'node-demo') {
    const demo = createDemoServer({});
    const http = createHttpServer(httpServerOptions(demo.options), (req, res) => {
      if (!demo.handleRequest(req, res)) res.writeHead(404).end();
    });
    applyHttpLimits(http, demo.options);
    http.on('upgrade', (req, socket, head) => {
      if (!demo.handleUpgrade(req, socket, head)) socket.destroy();
    });
    // Categories 12 and 13 go to /ws/deflate, the one endpoint that compresses, under its own limits.
    const running = await listenInProcess(http, '/ws/echo', () => demo.close());
    return { ...running, compressionUrl: running.url.replace(/\/ws\/echo$/, '/ws/deflate') };
  }
  const { createServer } = await import('../../workshop/steps/08-limits/solution.ts');
  return listenInProcess(createServer(), '/ws/echo', async () => {});
}
