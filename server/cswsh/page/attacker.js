// The second origin's script: what a page elsewhere can do with a WebSocket and the reader's cookie, with and without the Origin check.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The page's sentences, in its language: the server put them in the page (server/cswsh/second-origin-text.ts). */
const TEXT = JSON.parse(document.getElementById('text').textContent);

/** One sentence of TEXT with its {placeholders} filled in. */
function say(key, values = {}) {
  return TEXT[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/** The workshop page that sent the reader here; only a loopback http(s) URL counts, so a link cannot aim this page elsewhere. */
function workshopPage() {
  try {
    const url = new URL(new URLSearchParams(location.search).get('from') ?? '');
    return /^https?:$/.test(url.protocol) && LOOPBACK.has(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

function logLine(log, text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.append(item);
}

/** Opens one socket, logs every event as the page sees it, and resolves once it has closed (or after 5 s). */
function attempt(url, log, onOpen) {
  return new Promise((resolve) => {
    logLine(log, `new WebSocket("${url}")`);
    const socket = new WebSocket(url);
    let opened = false;
    let welcome = null;
    const timer = setTimeout(() => socket.close(), 5000);
    socket.addEventListener('open', () => {
      opened = true;
      logLine(log, 'open');
      onOpen(socket);
    });
    socket.addEventListener('message', (event) => {
      logLine(log, `message: ${event.data}`);
      try {
        const parsed = JSON.parse(event.data);
        if (parsed.type === 'welcome') welcome = parsed;
      } catch {
        // An echo of the page's own text.
      }
    });
    socket.addEventListener('error', () => logLine(log, 'error'));
    socket.addEventListener('close', (event) => {
      clearTimeout(timer);
      logLine(log, say('close', { code: event.code, wasClean: event.wasClean }));
      resolve({ opened, welcome });
    });
  });
}

/** What the demo server answered, which it tells this page only because this is a demo; a real attacker sees only the events above. */
async function serverSaw(log, path) {
  const seen = await (await fetch('/seen')).json();
  const last = seen.filter((entry) => entry.path === path).at(-1);
  if (!last) return logLine(log, say('noHandshake'));
  const answer = last.status === 101 ? '101 Switching Protocols' : `${last.status} ${last.code}`;
  logLine(log, say('answered', { answer, cookie: say(last.cookieSent ? 'yes' : 'no') }));
}

async function run() {
  const from = workshopPage();
  const verdict = document.getElementById('verdict');
  if (!from) {
    verdict.textContent = say('noWorkshop');
    return;
  }
  document.getElementById('back').href = from.href;
  const base = `${from.protocol === 'https:' ? 'wss' : 'ws'}://${from.host}`;
  const guardedUrl = `${base}/ws/auth/cookie`;
  const unsafeUrl = `${base}/ws/cswsh/unsafe`;
  document.getElementById('guarded-url').textContent = guardedUrl;
  document.getElementById('unsafe-url').textContent = unsafeUrl;

  const guardedLog = document.getElementById('guarded-log');
  const guarded = await attempt(guardedUrl, guardedLog, (socket) => socket.close());
  await serverSaw(guardedLog, '/ws/auth/cookie');

  const unsafeLog = document.getElementById('unsafe-log');
  const unsafe = await attempt(unsafeUrl, unsafeLog, (socket) => {
    // Anything the reader could send, this page can send as the reader.
    socket.send(say('sentAsReader'));
    setTimeout(() => socket.close(1000), 300);
  });
  await serverSaw(unsafeLog, '/ws/cswsh/unsafe');

  if (guarded.opened) verdict.textContent = say('originCheckBug');
  else if (unsafe.welcome) verdict.textContent = say('hijacked', { user: unsafe.welcome.user });
  else verdict.textContent = say('noCookie');
}

void run();
