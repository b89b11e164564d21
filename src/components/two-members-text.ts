// Every word the two-member widget shows, in each language the site speaks; its members' own lines come from chat-room-text.ts.
import type { Locale } from '../lib/i18n/locale.ts';

export interface TwoMembersText {
  title: string;
  hint: string;
  joinBoth: string;
  leaveBoth: string;
  labels: {
    route: string;
    node: (name: string) => string;
    connection: (name: string) => string;
    says: (name: string) => string;
    log: (name: string) => string;
  };
  sendAs: (name: string) => string;
  stopNode: (name: string) => string;
  notConnected: string;
  noNodeYet: string;
  route: {
    oneIn: (name: string, node: string) => string;
    twoNodes: (first: string, firstNode: string, second: string, secondNode: string) => string;
    sameNodeRedis: (node: string) => string;
    sameProcess: (node: string) => string;
  };
  crossing: {
    deliveredOn: (toNode: string) => string;
    crossedRedis: (fromNode: string, toNode: string) => string;
    sameNodeRedis: (node: string) => string;
    sameProcess: (node: string) => string;
  };
  /** The path a message took, after the message in a member's log. */
  path: (crossing: string) => string;
  /** The second member landed where the first is, and tries again for another node. */
  pickingAgain: (second: string, node: string, first: string) => string;
  /** The close reason of that try (at most 123 bytes of UTF-8, RFC 6455 §5.5.1). */
  pickingAgainReason: (node: string) => string;
}

export const TWO_MEMBERS_TEXT: Record<Locale, TwoMembersText> = {
  en: {
    title: 'Two members, two nodes',
    hint: "Press Join both: Ada and Lin join the room on two sockets of their own, and the cluster's proxy spreads them over its nodes.",
    joinBoth: 'Join both',
    leaveBoth: 'Leave both',
    labels: {
      route: 'Where they are',
      node: (name) => `${name}'s node`,
      connection: (name) => `${name}'s connection`,
      says: (name) => `${name} says`,
      log: (name) => `${name}'s log`,
    },
    sendAs: (name) => `Send as ${name}`,
    stopNode: (name) => `Stop ${name}'s node`,
    notConnected: 'Not connected.',
    noNodeYet: 'None yet.',
    route: {
      oneIn: (name, node) => `${name} is on ${node}; the other member is not in the room.`,
      twoNodes: (first, a, second, b) => `${first} is on ${a} and ${second} on ${b}: every message between them crosses Redis.`,
      sameNodeRedis: (node) =>
        `Both are on ${node}, the only node that took them: their messages still go through Redis, and back to the same node.`,
      sameProcess: (node) =>
        `Both are on the same node, ${node}: this server is one process with no Redis, so messages go from one socket to the other inside it.`,
    },
    crossing: {
      deliveredOn: (toNode) => `delivered on ${toNode}`,
      crossedRedis: (fromNode, toNode) => `said on ${fromNode}, delivered on ${toNode}: it crossed Redis`,
      sameNodeRedis: (node) => `said and delivered on ${node}, through Redis`,
      sameProcess: (node) => `said and delivered on ${node}, inside one process`,
    },
    path: (crossing) => ` (${crossing})`,
    pickingAgain: (second, node, first) => `${second} landed on ${node}, where ${first} is: joining again for another node.`,
    pickingAgainReason: (node) => `Looking for another node than ${node}`,
  },
  'zh-CN': {
    title: '两个成员，两个节点',
    hint: '按下“两人都加入”：Ada 和 Lin 各用一条自己的连接加入聊天室，集群的代理把他们分到各个节点上。',
    joinBoth: '两人都加入',
    leaveBoth: '两人都离开',
    labels: {
      route: '他们在哪里',
      node: (name) => `${name} 的节点`,
      connection: (name) => `${name} 的连接`,
      says: (name) => `${name} 说`,
      log: (name) => `${name} 的记录`,
    },
    sendAs: (name) => `以 ${name} 的身份发送`,
    stopNode: (name) => `停止 ${name} 的节点`,
    notConnected: '未连接。',
    noNodeYet: '还没有。',
    route: {
      oneIn: (name, node) => `${name} 在 ${node} 上；另一个成员不在聊天室里。`,
      twoNodes: (first, a, second, b) => `${first} 在 ${a} 上，${second} 在 ${b} 上：他们之间的每条消息都要经过 Redis。`,
      sameNodeRedis: (node) => `两人都在 ${node} 上，这是唯一接纳他们的节点：他们的消息仍然经过 Redis，再回到同一个节点。`,
      sameProcess: (node) => `两人在同一个节点 ${node} 上：这个服务器是一个没有 Redis 的进程，消息在进程内部从一条连接传到另一条。`,
    },
    crossing: {
      deliveredOn: (toNode) => `在 ${toNode} 上送达`,
      crossedRedis: (fromNode, toNode) => `在 ${fromNode} 上发出，在 ${toNode} 上送达：它经过了 Redis`,
      sameNodeRedis: (node) => `在 ${node} 上发出并送达，经过 Redis`,
      sameProcess: (node) => `在 ${node} 上发出并送达，没有离开进程`,
    },
    path: (crossing) => `（${crossing}）`,
    pickingAgain: (second, node, first) => `${second} 落在了 ${node} 上，${first} 也在那里：重新加入，换一个节点。`,
    pickingAgainReason: (node) => `换一个节点，不要 ${node}`,
  },
};
