// Starts Debian's mosquitto on 127.0.0.1 and a free port with a generated config, for the /ws/mqtt relay, the tests and the MQTT recording.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/free-port.ts';

export interface Mosquitto {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Where Debian puts mosquitto (/usr/sbin is not on every user's PATH); MOSQUITTO names another binary. */
export function mosquittoBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env['MOSQUITTO']?.trim();
  if (named) return named;
  return ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((candidate) => existsSync(candidate));
}

/**
 * The whole configuration. mosquitto 2.0 reads "listener 0" as a Unix socket, so it gets a free port found just
 * before. Anonymous clients are acceptable only because the listener is on loopback: nothing off this machine can
 * reach it, and the relay in front of it applies the demo server's guards. Nothing is kept on disk.
 */
function configFor(port: number): string {
  return [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_type error', 'log_type warning', ''].join('\n');
}

/** Keeps the last few KiB of mosquitto's log: enough to say why it stopped, bounded however long it runs. */
const KEPT_LOG_CHARS = 4096;

/** mosquitto on 127.0.0.1 and a free port, anonymous, nothing on disk; resolves once it accepts TCP connections. */
export async function startMosquitto(binary = mosquittoBinary() ?? 'mosquitto'): Promise<Mosquitto> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-mosquitto-'));
  const port = await freePort();
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(config, configFor(port));
  const child = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_LOG_CHARS)));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  // A demo server that dies without closing must not leave a broker behind.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let tries = 0; ; tries++) {
    if (await accepts(port)) break;
    if (spawnError || child.exitCode !== null || tries > 100) {
      await stop();
      throw new Error(`mosquitto (${binary}) did not listen on 127.0.0.1:${port}: ${spawnError?.message ?? output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host: '127.0.0.1', port, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    }).on('error', () => resolve(false));
  });
}
