// What the two-member widget says about its members' nodes and the path each message took, kept apart from the DOM so it can be unit-tested.
import type { ChatWelcome } from '../lib/demo-messages.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { TWO_MEMBERS_TEXT } from './two-members-text.ts';

/** The widget's two members, in the order they join. */
export const MEMBER_NAMES = ['Ada', 'Lin'] as const;
export type MemberName = (typeof MEMBER_NAMES)[number];

/** Times the second member reconnects to land on another node than the first, when there are several. */
export const MAX_NODE_PICKS = 4;

/**
 * A member's nickname in the shared room: its name and a few random letters, since every reader of the page (and
 * of the chat widget above it) is in the same room and "Ada" may already be taken.
 */
export function nicknameFor(name: MemberName, random: () => number = Math.random): string {
  const letters = Array.from({ length: 3 }, () => 'abcdefghjkmnpqrstuvwxyz'[Math.floor(random() * 23)]).join('');
  return `${name}-${letters}`;
}

/**
 * Whether the second member should try again for another node: only over Redis (one process has one node), only
 * while it shares the first member's node, and only a few times (a cluster may be down to one node).
 */
export function shouldPickAnotherNode(first: string, second: string, broker: ChatWelcome['broker'], picks: number): boolean {
  return broker === 'redis' && first === second && picks < MAX_NODE_PICKS;
}

/** Where the two members are, in one sentence. */
export function describeRoute(
  nodes: Partial<Record<MemberName, string>>,
  broker: ChatWelcome['broker'] | undefined,
  locale: Locale = 'en',
): string {
  const text = TWO_MEMBERS_TEXT[locale];
  const [first, second] = MEMBER_NAMES;
  const a = nodes[first];
  const b = nodes[second];
  if (a === undefined && b === undefined) return text.notConnected;
  if (a === undefined || b === undefined) {
    const [name, node] = a === undefined ? [second, b!] : [first, a];
    return text.route.oneIn(name, node);
  }
  if (a !== b) return text.route.twoNodes(first, a, second, b);
  return broker === 'redis' ? text.route.sameNodeRedis(a) : text.route.sameProcess(a);
}

/** The path a message took to a member, from the node its sender is on (when the sender is one of the widget's own). */
export function describeCrossing(
  fromNode: string | undefined,
  toNode: string,
  broker: ChatWelcome['broker'] | undefined,
  locale: Locale = 'en',
): string {
  const text = TWO_MEMBERS_TEXT[locale].crossing;
  if (fromNode === undefined) return text.deliveredOn(toNode);
  if (fromNode !== toNode) return text.crossedRedis(fromNode, toNode);
  return broker === 'redis' ? text.sameNodeRedis(toNode) : text.sameProcess(toNode);
}
