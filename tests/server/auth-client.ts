// Test helpers for the /auth/* and /ws/auth/* demo endpoints: sign in, ask for credentials, and connect as a ws client.
import { once } from 'node:events';
import WebSocket from 'ws';

/** POST /auth/session: the reader's name and the cookie to send back ("demo_session=…"). */
export async function signIn(base: string): Promise<{ user: string; cookie: string; setCookie: string }> {
  const response = await fetch(`http://${base}/auth/session`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const [setCookie] = response.headers.getSetCookie();
  const { user } = (await response.json()) as { user: string };
  return { user, cookie: setCookie!.split(';')[0]!, setCookie: setCookie! };
}

/** POST /auth/ticket or /auth/token with the sign-in cookie: the credential's value. */
export async function credential(base: string, kind: 'ticket' | 'token', cookie: string): Promise<string> {
  const response = await fetch(`http://${base}/auth/${kind}`, { method: 'POST', headers: { Cookie: cookie } });
  if (response.status !== 200) throw new Error(`/auth/${kind} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as Record<string, string>)[kind]!;
}

export type Outcome =
  | { opened: true; welcome: { type: string; user: string; via: string }; protocol: string; ws: WebSocket }
  | { opened: false; status: number; body: string };

/** Connects and resolves with the welcome message, or with the refusal's status and body. */
export function connectTo(url: string, options: WebSocket.ClientOptions = {}, protocols: string[] = []): Promise<Outcome> {
  const ws = new WebSocket(url, protocols, options);
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => resolve({ opened: false, status: response.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
    ws.once('message', (data) => resolve({ opened: true, welcome: JSON.parse(String(data)), protocol: ws.protocol, ws }));
  });
}

/** The Close a server sent: its code and reason. */
export async function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  return { code, reason: String(reason) };
}
