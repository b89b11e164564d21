// The scale chapter's story in Chromium and Firefox, on `npm run cluster`: a member on a node that dies rejoins on another and gets what it missed.
// Every label and sentence comes from the widgets' text tables, so the Chinese page fails where a string stays English.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { CHAT_ROOM_TEXT, type ChatRoomText } from '../../src/components/chat-room-text.ts';
import { TWO_MEMBERS_TEXT, type TwoMembersText } from '../../src/components/two-members-text.ts';
import { stoppingAnswer } from '../../server/stop-node.ts';
import { expect, test, type Driver } from './journey.ts';
import { freePort } from '../../scripts/free-port.ts';

/** One language of the scale page: where it is, and the words its chat room and its two-member widget use. */
interface ScalePage {
  path: string;
  chat: ChatRoomText;
  duo: TwoMembersText;
}
const ENGLISH: ScalePage = { path: '/scale/', chat: CHAT_ROOM_TEXT.en, duo: TWO_MEMBERS_TEXT.en };
const CHINESE: ScalePage = { path: '/zh-cn/scale/', chat: CHAT_ROOM_TEXT['zh-CN'], duo: TWO_MEMBERS_TEXT['zh-CN'] };

/** Text as a pattern that matches just that text. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sentence `build` makes with the table's functions, as a pattern found anywhere in a text: each mark `build` is
 * handed stands for the part of the same index (a node name, a nickname, a count the test cannot know), and every
 * other character must be the table's own.
 */
function pattern(build: (...marks: string[]) => string, ...parts: RegExp[]): RegExp {
  const pieces = build(...parts.map((_, i) => `\u0000${i}\u0000`)).split(/\u0000(\d+)\u0000/);
  return new RegExp(pieces.map((piece, i) => (i % 2 ? `(?:${parts[Number(piece)]!.source})` : literal(piece))).join(''));
}

/** The same, as the whole text of an element. */
const sentence = (build: (...marks: string[]) => string, ...parts: RegExp[]) => new RegExp(`^(?:${pattern(build, ...parts).source})$`);

/** Any one of the table's sentences, or of the patterns `pattern()` made. */
const oneOf = (...choices: (string | RegExp)[]) =>
  new RegExp(choices.map((choice) => `(?:${typeof choice === 'string' ? literal(choice) : choice.source})`).join('|'));

const NODE = /node-\d/;
/** What the chat says after a nickname in a welcome: nobody else, or who else is here. */
const othersPattern = (chat: ChatRoomText) =>
  oneOf(
    chat.welcome.nobodyElse,
    pattern((members) => chat.welcome.alsoHere([members]), /.+/),
  );

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
async function joinChat(page: Driver, chat: ChatRoomText, nickname: string): Promise<string> {
  await chatRoom(page, chat).getByLabel(chat.labels.nickname).fill(nickname);
  await chatRoom(page, chat).getByLabel(chat.labels.nickname).press('Enter');
  await expect(chatRoom(page, chat).getByLabel(chat.labels.status)).toHaveText(chat.inRoomAs(nickname));
  return (await chatRoom(page, chat).getByLabel(chat.labels.node).textContent())!.trim();
}

const chatRoom = (page: Driver, chat: ChatRoomText) => page.getByRole('region', { name: chat.title });
const chatLog = (page: Driver, chat: ChatRoomText) => chatRoom(page, chat).getByRole('log', { name: chat.labels.log });

/** The welcome of a member who came back as `nickname`, having missed one of `counts` messages (and lost none). */
const backAs = (chat: ChatRoomText, nickname: string | RegExp, counts: number[]) =>
  pattern(
    (name, missed, others) => chat.welcome.backAs(name, missed, '', others),
    oneOf(nickname),
    oneOf(...counts.map((count) => (count === 0 ? chat.welcome.missedNothing : chat.welcome.missed(count)))),
    othersPattern(chat),
  );

async function failoverJourney(page: Driver, cluster: Cluster): Promise<void> {
  const { chat } = ENGLISH;
  await page.goto(`${cluster.origin}${ENGLISH.path}`);
  // The reader joins the chat.
  const firstNode = await joinChat(page, chat, 'ada');
  expect(cluster.pids.has(firstNode)).toBe(true);

  const bob = await otherMember(cluster.origin, 'bob', firstNode);
  bob.say('before the crash');
  await expect(chatLog(page, chat).locator('li[data-kind="message"]')).toHaveText([/bob: before the crash$/]);

  // The reader's node dies without a word; bob, elsewhere, goes on talking.
  process.kill(cluster.pids.get(firstNode)!, 'SIGKILL');
  bob.say('while you were away 1');
  bob.say('while you were away 2');

  // The widget rejoins by itself, on the other node, and is sent what it missed: each message once.
  await expect(chatRoom(page, chat).getByLabel(chat.labels.status)).toHaveText(chat.inRoomAs('ada'), { timeout: 15_000 });
  await expect(chatRoom(page, chat).getByLabel(chat.labels.node)).not.toHaveText(firstNode);
  // How many it missed depends on how fast it came back; the log below shows that none is lost or repeated.
  await expect(chatLog(page, chat)).toContainText(backAs(chat, 'ada', [0, 1, 2]));
  await expect(chatLog(page, chat).locator('li[data-kind="message"]')).toHaveText([
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
async function stopThisNodeJourney(page: Driver, { chat }: ScalePage, cluster: Cluster): Promise<string> {
  // The reader joins the chat; the cluster offers this loopback reader Stop this node.
  const firstNode = await joinChat(page, chat, 'ada');
  const bob = await otherMember(cluster.origin, 'bob', firstNode);
  // A resume goes on from the last message seen, so the reader sees one first.
  bob.say('before the stop');
  await expect(chatLog(page, chat).locator('li[data-kind="message"]')).toHaveText([/bob: before the stop$/]);
  // The reader presses Stop this node; bob, on another node, talks while the reader is away.
  await chatRoom(page, chat).getByRole('button', { name: chat.stopNode }).click();
  await expect(chatLog(page, chat)).toContainText(chat.stop.stopping(firstNode, stoppingAnswer(firstNode)));
  bob.say('said while you were away');
  // The widget rejoins by itself on a node that is alive, and the welcome counts what it missed.
  await expect(chatRoom(page, chat).getByLabel(chat.labels.node)).not.toHaveText(firstNode, { timeout: 15_000 });
  await expect(chatRoom(page, chat).getByLabel(chat.labels.status)).toHaveText(chat.inRoomAs('ada'));
  await expect(chatLog(page, chat)).toContainText(backAs(chat, 'ada', [0, 1]));
  await expect(chatLog(page, chat).locator('li[data-kind="message"]')).toHaveText([
    /bob: before the stop$/,
    /bob: said while you were away$/,
  ]);
  bob.close();
  return firstNode;
}

const twoMembers = (page: Driver, duo: TwoMembersText) => page.getByRole('region', { name: duo.title });
const member = (page: Driver, duo: TwoMembersText, name: string) => twoMembers(page, duo).getByRole('region', { name, exact: true });
const memberLog = (page: Driver, duo: TwoMembersText, name: string) =>
  member(page, duo, name).getByRole('log', { name: duo.labels.log(name) });
const memberMessages = (page: Driver, duo: TwoMembersText, name: string) => memberLog(page, duo, name).locator('li[data-kind="message"]');
const NICKNAME = { Ada: /Ada-[a-z]{3}/, Lin: /Lin-[a-z]{3}/ };

/** Ada and Lin on two nodes: a message crosses Redis, Lin's node stops, and Lin resumes on the node that is left. */
async function twoMembersJourney(page: Driver, { chat, duo }: ScalePage, alive: string[]): Promise<void> {
  const ada = member(page, duo, 'Ada');
  const lin = member(page, duo, 'Lin');
  // The reader presses Join both.
  await twoMembers(page, duo).getByRole('button', { name: duo.joinBoth }).click();
  await expect(lin.getByLabel(duo.labels.connection('Lin'))).toHaveText(sentence(chat.inRoomAs, NICKNAME.Lin));
  await expect(twoMembers(page, duo).getByLabel(duo.labels.route)).toHaveText(
    sentence((a, b) => duo.route.twoNodes('Ada', a, 'Lin', b), NODE, NODE),
  );
  const adaNode = (await ada.getByLabel(duo.labels.node('Ada')).textContent())!.trim();
  const linNode = (await lin.getByLabel(duo.labels.node('Lin')).textContent())!.trim();
  expect(alive).toContain(adaNode);
  expect(alive).toContain(linNode);
  expect(adaNode).not.toBe(linNode);
  await expect(twoMembers(page, duo).getByLabel(duo.labels.route)).toHaveText(duo.route.twoNodes('Ada', adaNode, 'Lin', linNode));
  // The reader sends a message as Ada, by keyboard; Lin's log shows it arrive on the other node.
  await ada.getByLabel(duo.labels.says('Ada')).fill('hello Lin');
  await ada.getByLabel(duo.labels.says('Ada')).press('Enter');
  const crossedRedis = duo.path(duo.crossing.crossedRedis(adaNode, linNode));
  await expect(memberMessages(page, duo, 'Lin')).toHaveText([sentence((from) => `${from}: hello Lin${crossedRedis}`, NICKNAME.Ada)]);
  // The reader stops Lin's node, and Ada says something while Lin is away.
  await lin.getByRole('button', { name: duo.stopNode('Lin') }).click();
  await expect(memberLog(page, duo, 'Lin')).toContainText(chat.stop.stopping(linNode, stoppingAnswer(linNode)));
  await ada.getByLabel(duo.labels.says('Ada')).fill('are you back?');
  await ada.getByLabel(duo.labels.says('Ada')).press('Enter');
  // Lin rejoins on the one node left, Ada's, and gets what it missed: each message once.
  await expect(lin.getByLabel(duo.labels.node('Lin'))).toHaveText(adaNode, { timeout: 15_000 });
  await expect(lin.getByLabel(duo.labels.connection('Lin'))).toHaveText(sentence(chat.inRoomAs, NICKNAME.Lin));
  await expect(memberLog(page, duo, 'Lin')).toContainText(backAs(chat, NICKNAME.Lin, [0, 1]));
  // Sent back to Lin on Ada's node, or (if Lin's node had not yet closed its socket) on its own before it went.
  const sameNode = duo.path(duo.crossing.sameNodeRedis(adaNode));
  await expect(memberMessages(page, duo, 'Lin')).toHaveText([
    sentence((from) => `${from}: hello Lin${crossedRedis}`, NICKNAME.Ada),
    sentence((from, path) => `${from}: are you back?${path}`, NICKNAME.Ada, oneOf(sameNode, crossedRedis)),
  ]);
  await expect(twoMembers(page, duo).getByLabel(duo.labels.route)).toHaveText(duo.route.sameNodeRedis(adaNode));
}

// One cluster per engine, as before: Chromium walks the English page and Firefox ESR the Chinese one, so both engines
// and both languages are covered with no third cluster start (about 7 s here, the slow part; npm test's time is
// tight). Both languages in one cluster would need five nodes, since each run stops two and Lin's rejoin must leave
// one node standing, and would change the ending of the story for the first run. The words do not depend on the
// engine; the one-process tests below run both languages in both engines.
test('Stop this node, in the chat and in the two-member widget: members rejoin on a node that is alive (English in Chromium, Chinese in Firefox ESR)', async ({
  driver: page,
}) => {
  test.setTimeout(120_000);
  const scalePage = page.engine === 'chromium' ? ENGLISH : CHINESE;
  const cluster = await startCluster(3);
  try {
    await page.goto(`${cluster.origin}${scalePage.path}`);
    const stopped = await stopThisNodeJourney(page, scalePage, cluster);
    await twoMembersJourney(
      page,
      scalePage,
      [...cluster.pids.keys()].filter((node) => node !== stopped),
    );
    expect(page.errors).toEqual([]);
  } finally {
    await cluster.stop();
  }
});

for (const { path, chat, duo } of [ENGLISH, CHINESE]) {
  test(`${path}: on one process the two members share its node, in the page's language, and no one may stop it`, async ({
    driver: page,
  }) => {
    await page.goto(path);
    const ada = member(page, duo, 'Ada');
    const lin = member(page, duo, 'Lin');
    // The reader presses Join both.
    await twoMembers(page, duo).getByRole('button', { name: duo.joinBoth }).click();
    await expect(lin.getByLabel(duo.labels.connection('Lin'))).toHaveText(sentence(chat.inRoomAs, NICKNAME.Lin));
    const node = (await ada.getByLabel(duo.labels.node('Ada')).textContent())!.trim();
    await expect(twoMembers(page, duo).getByLabel(duo.labels.route)).toHaveText(duo.route.sameProcess(node));
    // The reader sends a message as Lin with the Send button; Ada's log shows it never left the process.
    await lin.getByLabel(duo.labels.says('Lin')).fill('same process');
    await lin.getByRole('button', { name: duo.sendAs('Lin') }).click();
    const inside = duo.path(duo.crossing.sameProcess(node));
    await expect(memberMessages(page, duo, 'Ada')).toHaveText([sentence((from) => `${from}: same process${inside}`, NICKNAME.Lin)]);
    await expect(memberLog(page, duo, 'Ada').locator('li[data-kind="notice"]').first()).toHaveText(
      sentence((nickname, others) => chat.welcome.joinedAs(nickname, others), NICKNAME.Ada, othersPattern(chat)),
    );
    // npm start without DEMO_OFFER_STOP_NODE offers the joined members no Stop button.
    for (const name of ['Ada', 'Lin']) {
      const stop = member(page, duo, name).getByRole('button', { name: duo.stopNode(name) });
      expect(await stop.count()).toBe(0);
    }
    expect(page.errors).toEqual([]);
  });
}
