// Every word the workshop's checker prints and the step pages show of it, in each language; `--lang zh-cn` picks Chinese.
import type { Locale } from '../../src/lib/i18n/locale.ts';
import { ENGLISH_PROBLEM_WORDS, type AnswerProblemWords } from '../../tests/server/bad-input/handshake-cases.ts';

/** How bytes, frames and requests are told in a report (describe.ts). */
export interface DescribeWords {
  /** Hex cut after the first bytes: the shown hex and the whole count. */
  cutHex: (shown: string, total: number) => string;
  noBytes: string;
  emptyPayload: string;
  /** A long run of one character: `65537 bytes of "*"`. */
  repeated: (count: number, character: string) => string;
  /** Text cut after 40 characters. */
  longText: (start: string, bytes: number) => string;
  opcodeNames: Record<number, string>;
  unknownOpcode: (hex: string) => string;
  frame: (name: string, payload: string) => string;
  emptyFrame: (name: string) => string;
  close: (code: number) => string;
  closeWithNoCode: string;
  moreLines: (count: number) => string;
  longLine: (start: string, length: number) => string;
}

/** The sentences of the evidence a failed check reports: what was sent, what came back, what was expected. */
export interface EvidenceWords extends AnswerProblemWords {
  /** "1.5 s": how long the checker waits for the server to say anything. */
  seconds: (seconds: number) => string;
  noResponseWithin: (silence: string) => string;
  closedWithoutResponse: string;
  needsStep1: string;
  breaks: (section: string, explanation: string) => string;
  nothingMoreFor: (silence: string) => string;
  nothingWithin: (silence: string) => string;
  closedWithoutClose: string;
  nothing: string;
  /** After a check's title, before the bytes it sent. */
  colon: string;
  /** Joins the parts of an exchange: `text "Hello", then Close 1000`. */
  then: string;
  or: string;
  anyEchoes: string;
  /** Appended to a check's title and to what it sent, when the bytes go one per write. */
  oneBytePerWrite: string;
  /** A line of its own under a request sent one byte per write. */
  oneBytePerWriteLine: string;
  thenClientClose: (hex: string) => string;
  /** What a frame case demands beyond the RFC when it fails the connection: the Close frame before TCP ends. */
  closeBeforeTcp: string;
  statusOr: string;
  bodyMentions: (body: string) => string;
  /** What was wrong with a handshake answer, as a list in brackets. */
  problems: (problems: string[]) => string;
  /** Calls into the reader's exports (unit-probes.ts). */
  importFromYourFile: (name: string) => string;
  noExportNamed: (name: string) => string;
  notAFunction: (name: string, type: string) => string;
  threw: (error: string) => string;
  returns: (value: string) => string;
  returned: (value: string) => string;
  /** The runner's own failures (run-checks.ts). */
  createServerExpected: string;
  aNodeHttpServer: string;
  yourServerThrew: (stack: string) => string;
  tookTooLong: (seconds: number) => string;
  couldNotBeLoaded: (stack: string) => string;
  aModuleThatLoads: string;
}

/** The checks the steps make of their own (not from the bad-input suite): their titles, demands and evidence. */
export interface OwnCheckWords {
  serverClosesTcp: { title: string; expectation: string; stayedOpen: (answer: string, silence: string) => string };
  peerEndsTcp: { title: string; beyondRfc: string; expectation: string; sent: string; stayedOpen: (silence: string) => string };
  linger: {
    title: (trickleMs: number) => string;
    expectation: (limitSeconds: number) => string;
    sent: (closeHex: string, trickleMs: number) => string;
    stayedOpen: (limitSeconds: number) => string;
  };
  backpressure: {
    title: string;
    beyondRfc: string;
    expectation: string;
    sent: (count: number, mib: string) => string;
    stoppedWithoutPausing: string;
    heldEverything: (mib: string) => string;
    pauseOnFullBuffer: string;
    pausedHolding: (mib: string) => string;
    atMostAboutOneMiB: string;
    thenMore: (sent: string, more: number) => string;
    echoesStopped: (total: number) => string;
    everyEcho: string;
  };
}

/** What the command prints around the results (check.ts). */
export interface ReportWords {
  usage: (steps: number, defaultFile: string) => string;
  labels: { sent: string; got: string; expected: string; rule: string; note: string };
  stricterThanTheRfc: (sentence: string) => string;
  allPass: (heading: string, count: number, still: boolean) => string;
  somePass: (heading: string, passed: number, total: number) => string;
  stepHeading: (number: number, title: string) => string;
  suiteHeading: string;
  suiteAgainst: (file: string) => string;
  leftOut: string;
  leftOutCase: (id: string, reason: string) => string;
  checking: (file: string, number: number, title: string) => string;
  someFail: (failed: number, total: number) => string;
  allChecksPass: (total: number) => string;
  /** After the verdict, with the space before it that the language wants. */
  took: (seconds: string) => string;
  hints: (slug: string, page: string) => string;
  next: (number: number, title: string, page: string) => string;
  lastStep: string;
  noFileYet: (file: string, defaultFile: string) => string;
  doesNotLoad: (file: string, reason: string) => string;
  noCreateServerExport: string;
  yourServerThrew: (stack: string) => string;
  cannotListen: (port: number, error: string) => string;
  listening: (port: number, file: string) => string;
  pointTheWidgets: (port: number) => string;
  forExample: (page: string, port: number) => string;
  unknownLanguage: (lang: string) => string;
}

/** A step's checks as its page shows them (workshop/site/StepChecks.astro). */
export interface StepPageWords {
  stricterCount: (count: number) => string;
  caption: (count: number, step: number) => string;
  columns: { check: string; does: string; passing: string; rule: string };
  stricterLabel: string;
}

export interface CheckerText {
  /** The step pages' address on the site, in this language. */
  pageBase: string;
  /** The flag that gets this language, for the commands the report suggests ('' for English, the default). */
  langFlag: string;
  stepTitles: Record<number, string>;
  describe: DescribeWords;
  evidence: EvidenceWords;
  own: OwnCheckWords;
  report: ReportWords;
  page: StepPageWords;
  /**
   * Titles and demands beyond the RFC, in this language, by id: the bad-input suite's cases (whose English is their
   * definition in tests/server/bad-input) and the steps' own checks. English has none: a check shows its definition.
   */
  handshakeCaseTitles?: Record<string, string>;
  frameCaseTitles?: Record<string, string>;
  caseBeyondRfc?: Record<string, string>;
  stepCheckTitles?: Record<string, string>;
  /** Why a case of the suite is left out of the reader's run, by case id (suite-filter.ts has the English). */
  leftOutReasons?: Record<string, string>;
}

const EN: CheckerText = {
  pageBase: '/workshop',
  langFlag: '',
  stepTitles: {
    1: 'Answer the opening handshake',
    2: 'Read a frame header',
    3: 'Unmask the payload',
    4: 'Send a frame back: an echo server',
    5: 'Reassemble fragmented messages',
    6: 'Ping, pong and the close handshake',
    7: 'Validate, and fail correctly',
    8: 'Limits and backpressure',
  },
  describe: {
    cutHex: (shown, total) => `${shown} … (${total} bytes)`,
    noBytes: '(no bytes)',
    emptyPayload: 'empty',
    repeated: (count, character) => `${count} bytes of "${character}"`,
    longText: (start, bytes) => `"${start}…" (${bytes} bytes)`,
    opcodeNames: { 0x0: 'continuation', 0x1: 'text', 0x2: 'binary', 0x8: 'Close', 0x9: 'Ping', 0xa: 'Pong' },
    unknownOpcode: (hex) => `a frame with opcode 0x${hex}`,
    frame: (name, payload) => `${name} ${payload}`,
    emptyFrame: (name) => `empty ${name}`,
    close: (code) => `Close ${code}`,
    closeWithNoCode: 'a Close with no code',
    moreLines: (count) => `… (${count} more lines)`,
    longLine: (start, length) => `${start}… (${length} characters)`,
  },
  evidence: {
    seconds: (seconds) => `${seconds} s`,
    noResponseWithin: (silence) => `no response within ${silence}`,
    closedWithoutResponse: 'the connection closed without a response',
    needsStep1: '101 Switching Protocols (this check needs step 1 working first)',
    breaks: (section, explanation) => `a frame that breaks §${section}: ${explanation}`,
    nothingMoreFor: (silence) => `nothing more for ${silence}`,
    nothingWithin: (silence) => `nothing within ${silence}`,
    closedWithoutClose: 'the connection closed without a Close frame',
    nothing: 'nothing',
    colon: ':',
    then: ', then ',
    or: ' or ',
    anyEchoes: 'any echoes',
    oneBytePerWrite: ', one byte per write',
    oneBytePerWriteLine: '\n(one byte per write)',
    thenClientClose: (hex) => `then Close 1000: ${hex}`,
    closeBeforeTcp:
      'A server that fails the connection SHOULD send a Close first and MAY just close TCP (§7.1.7, §5.1); the check wants the Close, with this code.',
    statusOr: '; or ',
    bodyMentions: (body) => `, a body that mentions "${body}"`,
    problems: (problems) => `(${problems.join('; ')})`,
    ...ENGLISH_PROBLEM_WORDS,
    importFromYourFile: (name) => `import { ${name} } from your file`,
    noExportNamed: (name) => `no export named ${name}`,
    notAFunction: (name, type) => `${name} is a ${type}, not a function`,
    threw: (error) => `it threw ${error}`,
    returns: (value) => `returns ${value}`,
    returned: (value) => `it returned ${value}`,
    createServerExpected: 'export function createServer(): Server (from node:http)',
    aNodeHttpServer: 'a node:http Server',
    yourServerThrew: (stack) => `your server threw an exception:\n${stack}`,
    tookTooLong: (seconds) => `The check took more than ${seconds} s.`,
    couldNotBeLoaded: (stack) => `it could not be loaded:\n${stack}`,
    aModuleThatLoads: 'a module that loads',
  },
  own: {
    serverClosesTcp: {
      title: 'after the close handshake, the server closes the TCP connection',
      expectation: 'Close 1000, then the end of the TCP connection',
      stayedOpen: (answer, silence) => `${answer}, then the connection stayed open for ${silence}`,
    },
    peerEndsTcp: {
      title: 'a client that ends TCP without sending a Close',
      beyondRfc:
        "The RFC does not say what a server does when TCP ends without a Close; ending the server's side too, rather than keeping a half-open socket for good, is the check's demand.",
      expectation: 'the server ends its side of the TCP connection too',
      sent: 'a valid handshake, then the end of our side of TCP (a FIN), and no Close frame',
      stayedOpen: (silence) => `the connection stayed open for ${silence}`,
    },
    linger: {
      title: (trickleMs) => `after the close handshake, a client that keeps its side of TCP open and sends a byte every ${trickleMs} ms`,
      expectation: (limitSeconds) => `Close 1000, then the end of the connection within ${limitSeconds} s, however the client trickles`,
      sent: (closeHex, trickleMs) => `Close 1000: ${closeHex}, then one byte every ${trickleMs} ms, never ending TCP`,
      stayedOpen: (limitSeconds) =>
        `Close 1000, then the connection stayed open for ${limitSeconds} s (an idle timer that each byte re-arms?)`,
    },
    backpressure: {
      title: 'a client that sends 32 KiB messages and never reads their echoes',
      beyondRfc:
        "The RFC asks for limits, not for one way to keep them (§10.4); the check wants this workshop's way: pause() the socket while write() reports a full buffer.",
      expectation:
        'the server pauses reading once its writes back up, holds at most about 1 MiB for the client, and resumes when the client reads',
      sent: (count, mib) => `${count} binary messages of 32 KiB (${mib} MiB), reading none of the echoes`,
      stoppedWithoutPausing: 'the server stopped reading without pausing its socket',
      heldEverything: (mib) => `the server read all of it and holds ${mib} MiB of echoes in memory`,
      pauseOnFullBuffer: ': socket.pause() once socket.write() returns false',
      pausedHolding: (mib) => `the server paused, holding ${mib} MiB`,
      atMostAboutOneMiB: 'at most about 1 MiB held',
      thenMore: (sent, more) => `${sent}, then ${more} more, then read`,
      echoesStopped: (total) => `the echoes stopped before all ${total} arrived`,
      everyEcho: "every echo, as the server resumes reading on 'drain'",
    },
  },
  report: {
    usage: (steps, defaultFile) => `Usage: npm run workshop:check -- <step 1–${steps} | suite> [file] [--json] [--lang zh-cn] [--only id,…]
       npm run workshop:check serve [port] [file]
The file defaults to ${defaultFile}; start it with: cp workshop/steps/01-handshake/start.ts ${defaultFile}`,
    labels: { sent: 'sent', got: 'got', expected: 'expected', rule: 'rule', note: 'note' },
    stricterThanTheRfc: (sentence) => `Stricter than the RFC: ${sentence}`,
    allPass: (heading, count, still) => `${heading}: all ${count} checks${still ? ' still' : ''} pass.`,
    somePass: (heading, passed, total) => `${heading}: ${passed} of ${total} checks pass.`,
    stepHeading: (number, title) => `Step ${number}, ${title}`,
    suiteHeading: 'The suite',
    suiteAgainst: (file) => `The demo server's bad-input suite against ${file}`,
    leftOut: 'Left out, as policies of the demo server rather than rules of the protocol:',
    leftOutCase: (id, reason) => `  ${id}: ${reason}`,
    checking: (file, number, title) => `Checking ${file} up to step ${number}, “${title}”.`,
    someFail: (failed, total) => `${failed} of ${total} checks fail.`,
    allChecksPass: (total) => `All ${total} checks pass.`,
    took: (seconds) => ` (${seconds} s)`,
    hints: (slug, page) => `Hints: workshop/steps/${slug}/hints.md, or the step's page at ${page}.`,
    next: (number, title, page) => `Next: step ${number}, ${title} (${page}).`,
    lastStep: 'That was the last step. Now run the demo server’s whole bad-input suite: npm run workshop:check suite',
    noFileYet: (file, defaultFile) =>
      `There is no ${file} yet. Start from step 1's file:\n  cp workshop/steps/01-handshake/start.ts ${defaultFile}`,
    doesNotLoad: (file, reason) => `${file} does not load or export createServer(): ${reason}`,
    noCreateServerExport: 'no createServer export',
    yourServerThrew: (stack) => `Your server threw: ${stack}`,
    cannotListen: (port, error) => `Your server cannot listen on port ${port} (${error}); pick another: npm run workshop:check serve 8082`,
    listening: (port, file) => `Your server is listening on ws://localhost:${port}/ws/echo (${file}).`,
    pointTheWidgets: (port) => `Point the site's widgets at it: add ?server=ws://localhost:${port} to a page's address in npm run dev,`,
    forExample: (page, port) => `e.g. http://localhost:4321${page}?server=ws://localhost:${port}. Stop with Ctrl+C.`,
    unknownLanguage: (lang) => `The checker speaks en and zh-cn, not "${lang}".`,
  },
  page: {
    stricterCount: (count) => `${count} of these checks demand more than the RFC does; each is marked "Stricter than the RFC".`,
    caption: (count, step) => `The ${count} checks of step ${step}`,
    columns: { check: 'Check', does: 'What the checker does', passing: 'What a passing server does', rule: 'Rule' },
    stricterLabel: 'Stricter than the RFC:',
  },
};

const ZH_CLOSE_ECHOED = 'RFC 说对 Close 的回复“typically”（通常）回送它的关闭码（§5.5.1）；这项检查要求回送，和 ws 的做法一样。';
const ZH_INVALID_CODE = 'RFC 没有规定收到这个关闭码的一方该怎么做（§7.4）；以 1002 使连接失败是 ws 的选择，也是这项检查的要求。';
const ZH_MESSAGE_LIMIT = 'RFC 6455 要求设限，却没有给出限值（§10.4）：每条消息 64 KiB 是演示服务器的限制，也是这项检查的限制。';
const ZH_ORIGIN_POLICY =
  '演示服务器的 Origin 策略（§10.2）：它拒绝来自其他站点的页面。你的服务器必须允许工作坊的页面从另一个端口连接它，所以它接受任何 Origin。';
const ZH_RATE_LIMIT = '演示服务器的消息速率上限（DEMO_MAX_MESSAGES_PER_SECOND），这是为公开主机做的选择，而不是协议的规则。';

const validCodes = [1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
const invalidCodes = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535];

const ZH: CheckerText = {
  pageBase: '/zh-cn/workshop',
  langFlag: ' --lang zh-cn',
  stepTitles: {
    1: '应答握手',
    2: '读取帧头',
    3: '去掉载荷的掩码',
    4: '把帧发回去：回显服务器',
    5: '重组分片的消息',
    6: 'Ping、Pong 与关闭握手',
    7: '校验，并正确地失败',
    8: '限制与背压',
  },
  describe: {
    cutHex: (shown, total) => `${shown} …（共 ${total} 字节）`,
    noBytes: '（没有字节）',
    emptyPayload: '空',
    repeated: (count, character) => `${count} 字节的 "${character}"`,
    longText: (start, bytes) => `"${start}…"（${bytes} 字节）`,
    opcodeNames: { 0x0: '延续帧', 0x1: '文本帧', 0x2: '二进制帧', 0x8: 'Close 帧', 0x9: 'Ping', 0xa: 'Pong' },
    unknownOpcode: (hex) => `一个操作码为 0x${hex} 的帧`,
    frame: (name, payload) => `${name} ${payload}`,
    emptyFrame: (name) => `${name}（空）`,
    close: (code) => `Close ${code}`,
    closeWithNoCode: '不带关闭码的 Close 帧',
    moreLines: (count) => `…（还有 ${count} 行）`,
    longLine: (start, length) => `${start}…（共 ${length} 个字符）`,
  },
  evidence: {
    seconds: (seconds) => `${seconds} 秒`,
    noResponseWithin: (silence) => `${silence}内没有响应`,
    closedWithoutResponse: '连接没有给出响应就关闭了',
    needsStep1: '101 Switching Protocols（这项检查需要第 1 步先能通过）',
    breaks: (section, explanation) => `一个违反 §${section} 的帧：${explanation}`,
    nothingMoreFor: (silence) => `之后 ${silence}内再没有收到任何东西`,
    nothingWithin: (silence) => `${silence}内什么也没收到`,
    closedWithoutClose: '连接没有发送 Close 帧就关闭了',
    nothing: '什么也没有',
    colon: '：',
    then: '，然后 ',
    or: ' 或 ',
    anyEchoes: '任意回显',
    oneBytePerWrite: '，每次写入一个字节',
    oneBytePerWriteLine: '\n（每次写入一个字节）',
    thenClientClose: (hex) => `然后 Close 1000：${hex}`,
    closeBeforeTcp:
      '使连接失败的服务器应当（SHOULD）先发送 Close，也可以（MAY）直接关闭 TCP（§7.1.7、§5.1）；这项检查要求发送 Close，并带上这个关闭码。',
    statusOr: '；或者 ',
    bodyMentions: (body) => `，响应体中提到 "${body}"`,
    problems: (problems) => `（${problems.join('；')}）`,
    statusIsNot: (status, expected) => `状态码是 ${status}，不是 ${expected.join(' 或 ')}`,
    headerMissing: (name) => `缺少 ${name}`,
    headerIs: (name, value) => `${name} 是 "${value}"`,
    bodyDoesNotMention: (body) => `响应体中没有提到 "${body}"`,
    importFromYourFile: (name) => `从你的文件中 import { ${name} }`,
    noExportNamed: (name) => `没有名为 ${name} 的导出`,
    notAFunction: (name, type) => `${name} 的类型是 ${type}，不是函数`,
    threw: (error) => `它抛出了 ${error}`,
    returns: (value) => `返回 ${value}`,
    returned: (value) => `它返回了 ${value}`,
    createServerExpected: 'export function createServer(): Server（来自 node:http）',
    aNodeHttpServer: '一个 node:http 的 Server',
    yourServerThrew: (stack) => `你的服务器抛出了异常：\n${stack}`,
    tookTooLong: (seconds) => `这项检查用了 ${seconds} 秒以上。`,
    couldNotBeLoaded: (stack) => `无法加载它：\n${stack}`,
    aModuleThatLoads: '一个能够加载的模块',
  },
  own: {
    serverClosesTcp: {
      title: '关闭握手之后，由服务器关闭 TCP 连接',
      expectation: 'Close 1000，然后 TCP 连接结束',
      stayedOpen: (answer, silence) => `${answer}，然后连接在 ${silence}内一直开着`,
    },
    peerEndsTcp: {
      title: '客户端不发 Close 就结束了 TCP',
      beyondRfc:
        'TCP 在没有 Close 的情况下结束时，RFC 没有说服务器该怎么做；这项检查要求服务器也结束自己这一侧，而不是永远留着一个半开的套接字。',
      expectation: '服务器也结束它这一侧的 TCP 连接',
      sent: '一次有效的握手，然后结束我们这一侧的 TCP（一个 FIN），不发 Close 帧',
      stayedOpen: (silence) => `连接在 ${silence}内一直开着`,
    },
    linger: {
      title: (trickleMs) => `关闭握手之后，客户端保持它那一侧的 TCP 开着，并且每 ${trickleMs} 毫秒发送一个字节`,
      expectation: (limitSeconds) => `Close 1000，然后无论客户端怎样零星发送，连接都在 ${limitSeconds} 秒内结束`,
      sent: (closeHex, trickleMs) => `Close 1000：${closeHex}，然后每 ${trickleMs} 毫秒发送一个字节，始终不结束 TCP`,
      stayedOpen: (limitSeconds) => `Close 1000，然后连接在 ${limitSeconds} 秒内一直开着（是不是每个字节都会重置一个空闲计时器？）`,
    },
    backpressure: {
      title: '客户端发送 32 KiB 的消息，却从不读取它们的回显',
      beyondRfc:
        'RFC 要求设限，但没有规定一种守住限制的方式（§10.4）；这项检查要求本工作坊的做法：在 write() 报告缓冲区已满时 pause() 套接字。',
      expectation: '服务器在写入积压时暂停读取，为这个客户端最多保留大约 1 MiB，并在客户端开始读取时恢复',
      sent: (count, mib) => `${count} 条 32 KiB 的二进制消息（${mib} MiB），一条回显也不读`,
      stoppedWithoutPausing: '服务器停止了读取，却没有暂停它的套接字',
      heldEverything: (mib) => `服务器把它们全部读了进来，在内存中保留了 ${mib} MiB 的回显`,
      pauseOnFullBuffer: '：socket.write() 返回 false 时调用 socket.pause()',
      pausedHolding: (mib) => `服务器暂停了，但保留了 ${mib} MiB`,
      atMostAboutOneMiB: '最多保留大约 1 MiB',
      thenMore: (sent, more) => `${sent}，然后再发 ${more} 条，然后开始读取`,
      echoesStopped: (total) => `全部 ${total} 条回显到达之前，回显就停了`,
      everyEcho: "每一条回显，因为服务器在 'drain' 时恢复读取",
    },
  },
  report: {
    usage: (steps, defaultFile) => `用法：npm run workshop:check -- <步骤 1–${steps} | suite> [文件] [--json] [--lang zh-cn] [--only 编号,…]
      npm run workshop:check serve [端口] [文件]
文件默认为 ${defaultFile}；从这里开始：cp workshop/steps/01-handshake/start.ts ${defaultFile}`,
    labels: { sent: '发送', got: '收到', expected: '期望', rule: '规则', note: '注意' },
    stricterThanTheRfc: (sentence) => `比 RFC 更严格：${sentence}`,
    allPass: (heading, count, still) => `${heading}：全部 ${count} 项检查${still ? '仍然' : ''}通过。`,
    somePass: (heading, passed, total) => `${heading}：${total} 项检查中 ${passed} 项通过。`,
    stepHeading: (number, title) => `第 ${number} 步，${title}`,
    suiteHeading: '测试套件',
    suiteAgainst: (file) => `用演示服务器的错误输入测试套件检查 ${file}`,
    leftOut: '以下用例没有纳入，因为它们测试的是演示服务器的策略，而不是协议的规则：',
    leftOutCase: (id, reason) => `  ${id}：${reason}`,
    checking: (file, number, title) => `检查 ${file}，直到第 ${number} 步“${title}”。`,
    someFail: (failed, total) => `${total} 项检查中 ${failed} 项失败。`,
    allChecksPass: (total) => `全部 ${total} 项检查通过。`,
    took: (seconds) => `（${seconds} 秒）`,
    hints: (slug, page) => `提示：workshop/steps/${slug}/hints.zh-cn.md，或者这一步的页面 ${page}。`,
    next: (number, title, page) => `下一步：第 ${number} 步，${title}（${page}）。`,
    lastStep: '这是最后一步了。现在运行演示服务器完整的错误输入测试套件：npm run workshop:check -- suite --lang zh-cn',
    noFileYet: (file, defaultFile) => `还没有 ${file}。从第 1 步的文件开始：\n  cp workshop/steps/01-handshake/start.ts ${defaultFile}`,
    doesNotLoad: (file, reason) => `${file} 无法加载，或者没有导出 createServer()：${reason}`,
    noCreateServerExport: '没有导出 createServer',
    yourServerThrew: (stack) => `你的服务器抛出了异常：${stack}`,
    cannotListen: (port, error) => `你的服务器无法在端口 ${port} 上监听（${error}）；换一个端口：npm run workshop:check serve 8082`,
    listening: (port, file) => `你的服务器正在 ws://localhost:${port}/ws/echo 上监听（${file}）。`,
    pointTheWidgets: (port) => `让网站的小部件连到它：在 npm run dev 中，给页面地址加上 ?server=ws://localhost:${port}，`,
    forExample: (page, port) => `例如 http://localhost:4321${page}?server=ws://localhost:${port}。按 Ctrl+C 停止。`,
    unknownLanguage: (lang) => `检查器会说 en 和 zh-cn，不会说 "${lang}"。`,
  },
  page: {
    stricterCount: (count) => `其中 ${count} 项检查的要求比 RFC 更多；每一项都标有“比 RFC 更严格”。`,
    caption: (count, step) => `第 ${step} 步的 ${count} 项检查`,
    columns: { check: '检查', does: '检查器做什么', passing: '通过的服务器做什么', rule: '规则' },
    stricterLabel: '比 RFC 更严格：',
  },
  handshakeCaseTitles: {
    'h.1': '一次有效的握手',
    'h.2': '没有 Sec-WebSocket-Key',
    'h.3': '一个 base64 解码后不是 16 字节的 Sec-WebSocket-Key',
    'h.4': '没有 Sec-WebSocket-Version',
    'h.5': '版本 8（一份草案）',
    'h.6': '格式错误的版本',
    'h.7': '用 POST 代替 GET',
    'h.8': '没有 Upgrade 头：对端点的一个普通 GET',
    'h.9': '用 Upgrade: h2c 代替 websocket',
    'h.10': '不是 token 的子协议',
    'h.11': '一个不存在的端点',
    'h.12': '没有 Host 的 HTTP/1.1',
    'h.13': '根本不是 HTTP',
    'h.14': '2000 个头部字段',
    'h.15': '101 个很小的头部字段（数量超出一个，大小远未超出）',
    'h.16': '一个 20 KiB 的头部',
    'h.17': '来自其他站点的页面（跨站 WebSocket 劫持）',
    'h.18': '本站自己的页面（Origin 与 Host 一致，不论协议方案）',
    'h.19': '来自 ALLOWED_ORIGINS 中某个源的页面',
    'h.20': 'Origin: null（沙箱中的框架或 file: 页面）',
    'h.21': '同一主机的另一个端口',
    'h.22': '一个请求中有两个键',
  },
  frameCaseTitles: {
    '1.1.1': '空的文本消息',
    '1.1.2': '125 字节的文本（最长的 7 位长度）',
    '1.1.3': '126 字节的文本（最短的 16 位长度）',
    '1.1.4': '65535 字节的文本（最长的 16 位长度）',
    '1.1.5': '65536 字节的文本（64 位长度，正好是消息上限）',
    '1.2.1': '空的二进制消息',
    '1.2.2': '126 字节的二进制，偶数字节值 00 到 fa',
    '1.a': '一个没有加掩码的客户端帧',
    '1.b': '一个 5 字节的文本帧，用了非最短的 16 位长度',
    '2.1': '不带载荷的 Ping',
    '2.2': '带文本载荷的 Ping',
    '2.3': '带 125 字节二进制载荷的 Ping（控制帧最多能装这么多）',
    '2.5': '带 126 字节载荷的 Ping（控制帧最多装 125 字节）',
    '2.7': '不请自来的空 Pong，应忽略',
    '2.8': '不请自来的带载荷 Pong，应忽略',
    '2.10': '10 个 Ping，按顺序回 10 个 Pong',
    '3.1': '置了 RSV1 的文本帧',
    '3.2': '置了 RSV2 的文本帧',
    '3.3': '一个有效的文本帧，然后是置了 RSV3 的文本帧',
    '3.6': '置了 RSV2 和 RSV3 的 Ping',
    '3.7': '三个 RSV 位全部置位的 Close',
    '4.1.1': '保留的非控制操作码 3',
    '4.1.2': '带载荷的保留非控制操作码 4',
    '4.1.3': '一个有效的文本帧，然后是操作码 5',
    '4.2.1': '保留的控制操作码 11',
    '4.2.2': '带载荷的保留控制操作码 15',
    '5.1': '分成两片的 Ping（控制帧不得分片）',
    '5.2': '分成两片的 Pong',
    '5.3': '分成两片的文本',
    '5.6': '分成两片的文本，中间夹着一个 Ping',
    '5.9': '一个没有消息可延续的延续帧',
    '5.15': '一条完整的分片消息，然后是一个多余的最后延续帧',
    '5.18': '分片消息还没结束时来了一个新的文本帧',
    '5.a': '分成 128 个单字节分片的消息（上限），应回显',
    '5.b': '大量微小分片：同一条消息的第 129 个分片',
    '6.2.1': '有效的双字节 UTF-8',
    '6.2.3': '有效的 UTF-8，在一个码点中间被分片切开',
    '6.2.4': '一个有效的四字节码点（U+1F600）',
    '6.3.1': '一个帧中的无效 UTF-8',
    '6.3.2': '跨分片的无效 UTF-8',
    '6.6.a': '在消息末尾被截断的字节序列',
    '6.8.1': '大于 U+10FFFF 的码点（f4 90 80 80）',
    '6.10.1': '一个孤立的后续字节',
    '6.12.a': '"/" 的超长编码（c0 af）',
    '6.19.1': '一个 UTF-16 代理项（ed a0 80）',
    '7.1.1': '文本，然后 Close',
    '7.1.3': 'Close，然后一个 Ping，应忽略',
    '7.1.5': 'Close，然后一个文本帧，应忽略',
    '7.3.1': '消息体为空的 Close',
    '7.3.2': '消息体只有一个字节的 Close',
    '7.3.3': '不带关闭原因的 Close 1000',
    '7.3.5': '带 123 字节关闭原因的 Close 1000（最多能装这么多）',
    '7.3.6': '带 124 字节关闭原因的 Close（载荷 126 字节：对控制帧来说太长）',
    '7.5.1': '关闭原因不是 UTF-8 的 Close',
    ...Object.fromEntries(validCodes.map((code) => [`7.7.${code}`, `带有效关闭码 ${code} 的 Close，应回送`])),
    ...Object.fromEntries(invalidCodes.map((code) => [`7.9.${code}`, `带无效关闭码 ${code} 的 Close`])),
    '7.b': '分片的 Close',
    '9.1.a': '比 64 KiB 上限多一个字节的文本',
    '9.1.b': '声明 4 GiB、只发送 5 字节的二进制帧',
    '9.1.c': '最高位被置位的 64 位长度（§5.2：它必须是 0）',
    '9.1.d': '两个各 40 KiB 的分片：合起来超过 64 KiB',
    '9.2.a': '一次涌来 300 条微小的消息（超过每秒 100 条）',
    '9.2.b': '一次涌来 300 个 Ping（每个都要服务器回一个 Pong）',
  },
  caseBeyondRfc: {
    'h.15': 'RFC 6455 没有规定头部的限制：100 个字段是演示服务器的限制，也是这项检查的限制；431 是 RFC 6585 中表示头部过大的状态码（§5）。',
    '1.b': '§5.2 的最短长度编码约束的是发送方；接收方可以接受更长的编码（ws 就是这样），也可以以 1002 使连接失败。这项检查要求回显。',
    '2.10':
      '服务器可以只回应几个 Ping 中最近的那一个（§5.5.3）；这项检查要求按顺序对每个 Ping 回一个 Pong，和 ws 的做法一样（Autobahn 2.10 也检查这一点，注明“not required by the Spec”（规范并不要求））。',
    '5.b': 'RFC 6455 要求设限，却没有给出限值（§10.4）：每条消息 128 个分片是演示服务器的限制，也是这项检查的限制。',
    ...Object.fromEntries(validCodes.map((code) => [`7.7.${code}`, ZH_CLOSE_ECHOED])),
    ...Object.fromEntries(invalidCodes.map((code) => [`7.9.${code}`, ZH_INVALID_CODE])),
    '9.1.a': ZH_MESSAGE_LIMIT,
    '9.1.b': ZH_MESSAGE_LIMIT,
    '9.1.d': ZH_MESSAGE_LIMIT,
  },
  stepCheckTitles: {
    '1.http10': '带齐所有 WebSocket 头部字段的 HTTP/1.0 请求',
    '1.v256': '版本 256，比版本号允许的 0–255 多一',
    '1.upgrade-list': 'Upgrade: foo, websocket（一个包含 websocket 的协议列表）',
    '2.1': '一个加了掩码的文本帧，"Hello"（§5.7）',
    '2.2': '一个没有加掩码的二进制帧',
    '2.3': '125 字节：最长的 7 位长度',
    '2.4': '126 字节：最短的 16 位长度（126，然后是 2 个字节）',
    '2.5': '65535 字节：最长的 16 位长度',
    '2.6': '65536 字节：64 位长度（127，然后是 8 个字节）',
    '2.7': '一条消息的第一个分片：FIN 为 0',
    '2.8': '置了 RSV1 和 RSV3 的 Ping',
    '2.9': '一个 126 字节的帧只到了帧头：有帧头就够了',
    '2.10': '一个字节：还不是完整的帧头',
    '2.11': '被切成两半的 16 位长度',
    '2.12': '被截断的掩码键',
    '2.13': '被截断的 64 位长度（127，然后是 8 个字节中的 4 个）',
    '3.1': '用 §5.7 的键 37 fa 21 3d 加了掩码的 "Hello"',
    '3.2': '空的载荷',
    '3.3': '长度不是 4 的倍数的载荷',
    '3.4': '每一个字节值，各四遍',
    '4.hello': '一个加了掩码的文本帧，"Hello"',
    '4.two': '一次写入中的两个文本帧',
    '5.binary': '分成三片的二进制',
  },
  leftOutReasons: {
    'h.17': ZH_ORIGIN_POLICY,
    'h.20': ZH_ORIGIN_POLICY,
    'h.21': ZH_ORIGIN_POLICY,
    '9.2.a': ZH_RATE_LIMIT,
    '9.2.b': ZH_RATE_LIMIT,
  },
};

export const CHECKER_TEXT: Record<Locale, CheckerText> = { en: EN, 'zh-CN': ZH };

/** The checker's language from `--lang`: zh-cn (any case) or en; undefined for any other value. */
export function checkerLocale(lang: string | undefined): Locale | undefined {
  if (lang === undefined || lang.toLowerCase() === 'en') return 'en';
  return lang.toLowerCase() === 'zh-cn' ? 'zh-CN' : undefined;
}
