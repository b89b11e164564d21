// POST /cluster/stop/<node>: stops this node as SIGTERM would, for the scale chapter's Stop this node button; cluster mode, loopback readers only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import ipaddr from 'ipaddr.js';
import { clientAddress, type TrustedProxies } from './client-address.ts';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import { sendText } from './http-responses.ts';
import { checkOrigin } from './origin-policy.ts';
import { STOP_NODE_HEADER, STOP_NODE_PATH_PREFIX } from '../src/lib/demo-messages.ts';

/** What the stop endpoint needs from the demo server. */
export interface StopNodeContext {
  offered: boolean;
  node: string;
  trustedProxies: TrustedProxies | null;
  allowedOrigins: readonly string[];
  /** Stops the node once the answer is on its way; `npm start` closes every socket with 1001 and exits. */
  stop: () => void;
}

/**
 * Whether this reader may stop this node. Loopback only: on a machine of one's own, stopping a node is a
 * demonstration; from anywhere else it would be a way for any reader to take the demo down for everyone. Behind
 * `npm run cluster`'s nginx the TCP peer is always nginx on 127.0.0.1, so the address that counts is the one the
 * trusted proxy forwarded (TRUSTED_PROXIES=loopback), as for the connection caps. The Host must be a loopback name
 * too: a foreign site that rebinds its own name to 127.0.0.1 (DNS rebinding) would otherwise be same-origin here.
 */
export function mayStopNode(request: IncomingMessage, context: Omit<StopNodeContext, 'stop' | 'node' | 'allowedOrigins'>): boolean {
  return context.offered && isLoopbackAddress(clientAddress(request, context.trustedProxies)) && isLoopbackHost(request.headers.host);
}

/** Answers POST /cluster/stop/<node> and returns true; returns false (the path does not exist) when not offered. */
export function handleStopNode(request: IncomingMessage, response: ServerResponse, path: string, context: StopNodeContext): boolean {
  if (!context.offered) return false;
  const refusal = stopRefusal(request, path.slice(STOP_NODE_PATH_PREFIX.length), context);
  if (refusal) {
    sendText(response, refusal.status, `${refusal.code}: ${refusal.message}`, refusal.status === 405 ? { Allow: 'POST' } : {});
    return true;
  }
  // The answer goes out first, so the widget hears that the stop was taken before its socket closes with 1001.
  response.once('finish', context.stop);
  sendText(response, 202, stoppingAnswer(context.node));
  return true;
}

/** The 202 answer's sentence; the English widget shows it as it comes, so its browser test compares against this. */
export function stoppingAnswer(node: string): string {
  return `${node} is stopping: it closes every WebSocket with 1001 (Going Away), and the cluster goes on without it.`;
}

/** The first rule the request breaks, as guard clauses in order of cost; null when it may stop the node. */
function stopRefusal(request: IncomingMessage, target: string, context: StopNodeContext): DemoProtocolError | null {
  if (request.method !== 'POST') {
    return demoError('DEMO_ERR_METHOD_NOT_ALLOWED', `Stopping a node is a POST request, not ${request.method}.`);
  }
  if (!mayStopNode(request, context)) {
    return demoError(
      'DEMO_ERR_STOP_NODE_NOT_LOOPBACK',
      'Only a reader on this machine (a loopback address, with the Host 127.0.0.1, localhost or [::1]) may stop a node.',
    );
  }
  const foreignOrigin = checkOrigin(request, context.allowedOrigins);
  if (foreignOrigin) return foreignOrigin;
  // A page on another site cannot send a custom header here without a CORS preflight, which the demo server never
  // grants, and a plain HTML form cannot set one at all: so a foreign page cannot stop a node (CSRF).
  const named = request.headers[STOP_NODE_HEADER.toLowerCase()];
  if (named === undefined) {
    return demoError(
      'DEMO_ERR_STOP_NODE_NO_HEADER',
      `A stop request carries the header ${STOP_NODE_HEADER} with the node's name, which a page on another site cannot send.`,
    );
  }
  // The path names the node so that nginx routes the request there (scripts/cluster-config.ts); the header says the
  // reader meant this node. A request that reached another node answers 421 Misdirected Request (RFC 9110 §15.5.20).
  if (named !== context.node || target !== context.node) {
    return demoError(
      'DEMO_ERR_STOP_NODE_WRONG_NODE',
      `This is ${context.node}; the request named ${JSON.stringify(target)} in its path and ${JSON.stringify(named)} in ${STOP_NODE_HEADER}, so it was routed to the wrong node and nothing stops.`,
    );
  }
  return null;
}

function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'loopback';
}

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  if (hostname === 'localhost') return true;
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isLoopbackAddress(bare);
}
