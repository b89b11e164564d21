// The scale chapter's story in Chromium and Firefox, on `npm run cluster`: a member on a node that dies rejoins on another and gets what it missed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { expect, test, type Driver } from './journey.ts';
import { freePort } from '../../scripts/free-port.ts';

interface Cluster {
  origin: string;
  /** Node name → process id, as the script prints them. */
  pids: Map<string, number>;
  stop(): Promise<void>;
}

async function startCluster(nodes: number): Promise<Cluster> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/cluster.ts'], {
    env: { ...process.env, PORT: String(port), CLUSTER_NODES: String(nodes) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Cluster ready at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm run cluster exited with ${code}:\n${output}`)));
  });
  const pids = new Map([...output.matchAll(/(node-\d+) \(:\d+, pid (\d+)\)/g)].map(([, name, pid]) => [name!, Number(pid)]));
  return {
    origin: `http://127.0.0.1:${port}`,
    pids,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** A second member, outside the browser, on another node than `avoid` (nginx hands connections out in turn). */
async function otherMember(origin: string, nickname: string, avoid: string) {
  for (;;) {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws/chat`);
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'join', nickname }));
    const welcome = JSON.parse(String((await once(ws, 'message'))[0])) as { node: string };
    if (welcome.node !== avoid) {
      return { say: (text: string) => ws.send(JSON.stringify({ type: 'say', text })), close: () => ws.close() };
    }
    ws.close(1000);
    await once(ws, 'close');
  }
}

const chatLog = (page: Driver) => page.getByRole('log', { name: 'Chat log' });

async function failoverJourney(page: Driver, cluster: Cluster): Promise<void> {
  await page.goto(`${cluster.origin}/scale/`);
  // The reader joins the chat.
  await page.getByLabel('Nickname').fill('ada');
  await page.getByLabel('Nickname').press('Enter');
  await expect(page.getByLabel('Status')).toHaveText('In the room as ada.');
  const firstNode = (await page.getByLabel('Server node').textContent())!.trim();
  expect(cluster.pids.has(firstNode)).toBe(true);

  const bob = await otherMember(cluster.origin, 'bob', firstNode);
  bob.say('before the crash');
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([/bob: before the crash$/]);

  // The reader's node dies without a word; bob, elsewhere, goes on talking.
  process.kill(cluster.pids.get(firstNode)!, 'SIGKILL');
  bob.say('while you were away 1');
  bob.say('while you were away 2');

  // The widget rejoins by itself, on the other node, and is sent what it missed: each message once.
  await expect(page.getByLabel('Status')).toHaveText('In the room as ada.', { timeout: 15_000 });
  await expect(page.getByLabel('Server node')).not.toHaveText(firstNode);
  // How many it missed depends on how fast it came back; the log below shows that none is lost or repeated.
  await expect(chatLog(page)).toContainText(/You are back as ada\. (You missed nothing|\d+ missed messages? follows?)\./);
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([
    /bob: before the crash$/,
    /bob: while you were away 1$/,
    /bob: while you were away 2$/,
  ]);
  bob.close();
}

test('a member whose node is killed rejoins on another node and gets the messages it missed', async ({ driver: page }) => {
  test.setTimeout(120_000);
  const cluster = await startCluster(2);
  try {
    await failoverJourney(page, cluster);
  } finally {
    await cluster.stop();
  }
});
