// /ws/auth/first-message: anyone may open the socket, but its first message must be {"type":"auth","token":…}, and soon.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { demoError } from '../demo-errors.ts';
import type { DemoServices, Upgrade } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { welcome } from './welcome.ts';

export const path = '/ws/auth/first-message';

export function onConnection(
  socket: WebSocket,
  options: DemoServerOptions,
  _request: IncomingMessage,
  upgrade: Upgrade,
  services: DemoServices,
): void {
  // Until the token comes, the connection holds a place under the caps and proves nothing, so it gets a deadline.
  const deadline = setTimeout(() => {
    upgrade.closeForViolation(
      demoError('DEMO_ERR_AUTH_DEADLINE', `No token within ${options.authFirstMessageTimeoutMs} ms (DEMO_AUTH_FIRST_MESSAGE_TIMEOUT_MS).`),
    );
  }, options.authFirstMessageTimeoutMs);
  deadline.unref();
  socket.once('close', () => clearTimeout(deadline));
  socket.once('message', (data, isBinary) => {
    clearTimeout(deadline);
    const token = isBinary ? undefined : tokenOf(String(data));
    const found = services.credentials.check('token', token);
    if (!found) {
      upgrade.closeForViolation(
        demoError(
          'DEMO_ERR_AUTH_FIRST_MESSAGE',
          'The first message must be {"type":"auth","token":"…"} with a token from POST /auth/token.',
        ),
      );
      return;
    }
    welcome(socket, options, found.user, 'first-message');
  });
}

function tokenOf(text: string): string | undefined {
  try {
    const message: unknown = JSON.parse(text);
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, token } = message as { type?: unknown; token?: unknown };
    return type === 'auth' && typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
