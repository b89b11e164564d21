// The scale chapter's story in Chromium and Firefox, on `npm run cluster`: a member on a node that dies rejoins on another and gets what it missed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { TWO_MEMBERS_TEXT } from '../../src/components/two-members-text.ts';
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

/** Joins the chat widget as `nickname` and returns the node it landed on. */
async function joinChat(page: Driver, nickname: string): Promise<string> {
  await chatRoom(page).getByLabel('Nickname').fill(nickname);
  await chatRoom(page).getByLabel('Nickname').press('Enter');
  await expect(chatRoom(page).getByLabel('Status')).toHaveText(`In the room as ${nickname}.`);
  return (await chatRoom(page).getByLabel('Server node').textContent())!.trim();
}

const chatRoom = (page: Driver) => page.getByRole('region', { name: 'Chat room' });
const chatLog = (page: Driver) => chatRoom(page).getByRole('log', { name: 'Chat log' });

async function failoverJourney(page: Driver, cluster: Cluster): Promise<void> {
  await page.goto(`${cluster.origin}/scale/`);
  // The reader joins the chat.
  const firstNode = await joinChat(page, 'ada');
  expect(cluster.pids.has(firstNode)).toBe(true);

  const bob = await otherMember(cluster.origin, 'bob', firstNode);
  bob.say('before the crash');
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([/bob: before the crash$/]);

  // The reader's node dies without a word; bob, elsewhere, goes on talking.
  process.kill(cluster.pids.get(firstNode)!, 'SIGKILL');
  bob.say('while you were away 1');
  bob.say('while you were away 2');

  // The widget rejoins by itself, on the other node, and is sent what it missed: each message once.
  await expect(chatRoom(page).getByLabel('Status')).toHaveText('In the room as ada.', { timeout: 15_000 });
  await expect(chatRoom(page).getByLabel('Server node')).not.toHaveText(firstNode);
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

/** The reader stops the node the chat widget is on, with the widget's own button, and rejoins elsewhere. */
async function stopThisNodeJourney(page: Driver, cluster: Cluster): Promise<string> {
  // The reader joins the chat; the cluster offers this loopback reader Stop this node.
  const firstNode = await joinChat(page, 'ada');
  const bob = await otherMember(cluster.origin, 'bob', firstNode);
  // A resume goes on from the last message seen, so the reader sees one first.
  bob.say('before the stop');
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([/bob: before the stop$/]);
  // The reader presses Stop this node; bob, on another node, talks while the reader is away.
  await chatRoom(page).getByRole('button', { name: 'Stop this node' }).click();
  await expect(chatLog(page)).toContainText(`${firstNode} is stopping: it closes every WebSocket with 1001 (Going Away)`);
  bob.say('said while you were away');
  // The widget rejoins by itself on a node that is alive, and the welcome counts what it missed.
  await expect(chatRoom(page).getByLabel('Server node')).not.toHaveText(firstNode, { timeout: 15_000 });
  await expect(chatRoom(page).getByLabel('Status')).toHaveText('In the room as ada.');
  await expect(chatLog(page)).toContainText(/You are back as ada\. (You missed nothing|1 missed message follows)\./);
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([/bob: before the stop$/, /bob: said while you were away$/]);
  bob.close();
  return firstNode;
}

const twoMembers = (page: Driver) => page.getByRole('region', { name: 'Two members, two nodes' });
const member = (page: Driver, name: string) => twoMembers(page).getByRole('region', { name, exact: true });
const memberMessages = (page: Driver, name: string) =>
  member(page, name)
    .getByRole('log', { name: `${name}'s log` })
    .locator('li[data-kind="message"]');

/** Ada and Lin on two nodes: a message crosses Redis, Lin's node stops, and Lin resumes on the node that is left. */
async function twoMembersJourney(page: Driver, alive: string[]): Promise<void> {
  // The reader presses Join both.
  await twoMembers(page).getByRole('button', { name: 'Join both' }).click();
  await expect(member(page, 'Lin').getByLabel("Lin's connection")).toHaveText(/^In the room as Lin-[a-z]{3}\.$/);
  await expect(twoMembers(page).getByLabel('Where they are')).toHaveText(/^Ada is on node-\d and Lin on node-\d: every message/);
  const adaNode = (await member(page, 'Ada').getByLabel("Ada's node").textContent())!.trim();
  const linNode = (await member(page, 'Lin').getByLabel("Lin's node").textContent())!.trim();
  expect(alive).toContain(adaNode);
  expect(alive).toContain(linNode);
  expect(adaNode).not.toBe(linNode);
  // The reader sends a message as Ada; Lin's log shows it arrive on the other node.
  await member(page, 'Ada').getByLabel('Ada says').fill('hello Lin');
  await member(page, 'Ada').getByLabel('Ada says').press('Enter');
  await expect(memberMessages(page, 'Lin')).toHaveText([
    new RegExp(`^Ada-[a-z]{3}: hello Lin \\(said on ${adaNode}, delivered on ${linNode}: it crossed Redis\\)$`),
  ]);
  // The reader stops Lin's node, and Ada says something while Lin is away.
  await member(page, 'Lin').getByRole('button', { name: "Stop Lin's node" }).click();
  await expect(member(page, 'Lin').getByRole('log', { name: "Lin's log" })).toContainText(`${linNode} is stopping`);
  await member(page, 'Ada').getByLabel('Ada says').fill('are you back?');
  await member(page, 'Ada').getByLabel('Ada says').press('Enter');
  // Lin rejoins on the one node left, Ada's, and gets what it missed: each message once.
  await expect(member(page, 'Lin').getByLabel("Lin's node")).toHaveText(adaNode, { timeout: 15_000 });
  await expect(member(page, 'Lin').getByRole('log', { name: "Lin's log" })).toContainText(
    /You are back as Lin-[a-z]{3}\. (You missed nothing|1 missed message follows)\./,
  );
  await expect(memberMessages(page, 'Lin')).toHaveText([/: hello Lin \(/, /: are you back\? \(/]);
  await expect(twoMembers(page).getByLabel('Where they are')).toHaveText(
    new RegExp(`^Both are on ${adaNode}, the only node that took them`),
  );
}

test('Stop this node, in the chat and in the two-member widget: members rejoin on a node that is alive', async ({ driver: page }) => {
  test.setTimeout(120_000);
  const cluster = await startCluster(3);
  try {
    await page.goto(`${cluster.origin}/scale/`);
    const stopped = await stopThisNodeJourney(page, cluster);
    await twoMembersJourney(
      page,
      [...cluster.pids.keys()].filter((node) => node !== stopped),
    );
  } finally {
    await cluster.stop();
  }
});

test('on one process the two members share its node, and no one may stop it', async ({ driver: page }) => {
  await page.goto('/scale/');
  // The reader presses Join both.
  await twoMembers(page).getByRole('button', { name: 'Join both' }).click();
  await expect(member(page, 'Lin').getByLabel("Lin's connection")).toHaveText(/^In the room as Lin-[a-z]{3}\.$/);
  const node = (await member(page, 'Ada').getByLabel("Ada's node").textContent())!.trim();
  await expect(twoMembers(page).getByLabel('Where they are')).toHaveText(
    `Both are on the same node, ${node}: this server is one process with no Redis, so messages go from one socket to the other inside it.`,
  );
  // The reader sends a message as Lin; Ada's log shows it never left the process.
  await member(page, 'Lin').getByLabel('Lin says').fill('same process');
  await member(page, 'Lin').getByLabel('Lin says').press('Enter');
  await expect(memberMessages(page, 'Ada')).toHaveText([
    new RegExp(`^Lin-[a-z]{3}: same process \\(said and delivered on ${node.replace(/[.]/g, '\\.')}, inside one process\\)$`),
  ]);
  // npm start without DEMO_OFFER_STOP_NODE offers the joined members no Stop button.
  expect(await page.getByRole('button', { name: /^Stop / }).count()).toBe(0);
});

test('on the Chinese page the two members speak Chinese: labels, where they are, and the path of a message', async ({ driver: page }) => {
  const text = TWO_MEMBERS_TEXT['zh-CN'];
  await page.goto('/zh-cn/scale/');
  const widget = page.getByRole('region', { name: text.title });
  const lin = widget.getByRole('region', { name: 'Lin', exact: true });
  const ada = widget.getByRole('region', { name: 'Ada', exact: true });
  // The reader presses 两人都加入 (Join both).
  await widget.getByRole('button', { name: '两人都加入' }).click();
  await expect(lin.getByLabel(text.labels.connection('Lin'))).toHaveText(/^已作为 Lin-[a-z]{3} 进入聊天室。$/);
  const node = (await ada.getByLabel(text.labels.node('Ada')).textContent())!.trim();
  await expect(widget.getByLabel(text.labels.route)).toHaveText(
    `两人在同一个节点 ${node} 上：这个服务器是一个没有 Redis 的进程，消息在进程内部从一条连接传到另一条。`,
  );
  // The reader sends a message as Lin; Ada's log says, in Chinese, that it never left the process.
  await lin.getByLabel(text.labels.says('Lin')).fill('同一个进程');
  await lin.getByRole('button', { name: '以 Lin 的身份发送' }).click();
  await expect(ada.getByRole('log', { name: text.labels.log('Ada') }).locator('li[data-kind="message"]')).toHaveText([
    new RegExp(`^Lin-[a-z]{3}: 同一个进程（在 ${node.replace(/[.]/g, '\\.')} 上发出并送达，没有离开进程）$`),
  ]);
  await expect(ada.getByRole('log', { name: text.labels.log('Ada') })).toContainText(/你以 Ada-[a-z]{3} 的身份加入了。/);
  expect(page.errors).toEqual([]);
});
