// What every /ws/auth/* endpoint shares: the reader a handshake was admitted for, the token check, and the welcome.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { demoError } from '../demo-errors.ts';
import { echoBack } from '../endpoints/echo.ts';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';

/** How a connection proved who it is, as the welcome message names it. */
export type AuthPattern = 'cookie' | 'ticket' | 'first-message' | 'subprotocol' | 'query' | 'cookie without an Origin check';

/** The reader each accepted handshake speaks for, from the guard (beforeUpgrade) to the connection. */
const admitted = new WeakMap<IncomingMessage, string>();

/** Lets the handshake go on for `user`: ws upgrades it, and the endpoint's onConnection welcomes that reader. */
export function admit(request: IncomingMessage, user: string): null {
  admitted.set(request, user);
  return null;
}

/** The guard for a bearer token from POST /auth/token, wherever the pattern carries it; `where` tells a client how to send one. */
export function admitToken(
  request: IncomingMessage,
  services: DemoServices,
  token: string | undefined,
  where: string,
): UpgradeDecision | null {
  if (token === undefined) return { refusal: demoError('DEMO_ERR_AUTH_MISSING', `${where}, with a token from POST /auth/token.`) };
  const found = services.credentials.check('token', token);
  if (!found)
    return { refusal: demoError('DEMO_ERR_AUTH_REJECTED', 'That token is unknown or has expired: ask POST /auth/token for another.') };
  return admit(request, found.user);
}

/** An endpoint's onConnection: welcomes the reader its guard admitted (a connection without one cannot happen, and is cut). */
export function welcomeAdmitted(via: AuthPattern) {
  return (socket: WebSocket, options: DemoServerOptions, request: IncomingMessage): void => {
    const user = admitted.get(request);
    if (user === undefined) return void socket.terminate();
    welcome(socket, options, user, via);
  };
}

/** Says whom the connection speaks for, then echoes, so the reader can see the socket works as that reader. */
export function welcome(socket: WebSocket, options: DemoServerOptions, user: string, via: AuthPattern): void {
  socket.send(JSON.stringify({ type: 'welcome', user, via }));
  socket.on('message', (data, isBinary) => echoBack(socket, options, data, isBinary));
}
