// What the two-member widget says about its members' nodes and the path each message took, kept apart from the DOM so it can be unit-tested.
import type { ChatWelcome } from '../lib/demo-messages.ts';

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
export function describeRoute(nodes: Partial<Record<MemberName, string>>, broker: ChatWelcome['broker'] | undefined): string {
  const [first, second] = MEMBER_NAMES;
  const a = nodes[first];
  const b = nodes[second];
  if (a === undefined && b === undefined) return 'Not connected.';
  if (a === undefined || b === undefined) {
    const [name, node] = a === undefined ? [second, b] : [first, a];
    return `${name} is on ${node}; the other member is not in the room.`;
  }
  if (a !== b) return `${first} is on ${a} and ${second} on ${b}: every message between them crosses Redis.`;
  if (broker === 'redis') {
    return `Both are on ${a}, the only node that took them: their messages still go through Redis, and back to the same node.`;
  }
  return `Both are on the same node, ${a}: this server is one process with no Redis, so messages go from one socket to the other inside it.`;
}

/** The path a message took to a member, from the node its sender is on (when the sender is one of the widget's own). */
export function describeCrossing(fromNode: string | undefined, toNode: string, broker: ChatWelcome['broker'] | undefined): string {
  if (fromNode === undefined) return `delivered on ${toNode}`;
  if (fromNode !== toNode) return `said on ${fromNode}, delivered on ${toNode}: it crossed Redis`;
  return broker === 'redis' ? `said and delivered on ${toNode}, through Redis` : `said and delivered on ${toNode}, inside one process`;
}
