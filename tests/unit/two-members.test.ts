// The two-member widget's words: where Ada and Lin are, the path each message took, and when Lin tries for another node.
import { describe, expect, it } from 'vitest';
import { describeCrossing, describeRoute, MAX_NODE_PICKS, nicknameFor, shouldPickAnotherNode } from '../../src/components/two-members.ts';

describe('the two-member widget', () => {
  it('says where the members are: two nodes, one node over Redis, or one process', () => {
    expect(describeRoute({}, undefined)).toBe('Not connected.');
    expect(describeRoute({ Lin: 'node-2' }, 'redis')).toBe('Lin is on node-2; the other member is not in the room.');
    expect(describeRoute({ Ada: 'node-1', Lin: 'node-2' }, 'redis')).toBe(
      'Ada is on node-1 and Lin on node-2: every message between them crosses Redis.',
    );
    expect(describeRoute({ Ada: 'node-3', Lin: 'node-3' }, 'redis')).toMatch(/^Both are on node-3, the only node that took them/);
    expect(describeRoute({ Ada: 'h:8080', Lin: 'h:8080' }, 'in-process')).toBe(
      'Both are on the same node, h:8080: this server is one process with no Redis, so messages go from one socket to the other inside it.',
    );
  });

  it("words a message's path from the sender's node to the receiver's", () => {
    expect(describeCrossing('node-1', 'node-2', 'redis')).toBe('said on node-1, delivered on node-2: it crossed Redis');
    expect(describeCrossing('node-1', 'node-1', 'redis')).toBe('said and delivered on node-1, through Redis');
    expect(describeCrossing('h:1', 'h:1', 'in-process')).toBe('said and delivered on h:1, inside one process');
    expect(describeCrossing(undefined, 'node-2', 'redis')).toBe('delivered on node-2');
  });

  it('tries for another node only over Redis, only on the same node, and only a few times', () => {
    expect(shouldPickAnotherNode('node-1', 'node-1', 'redis', 0)).toBe(true);
    expect(shouldPickAnotherNode('node-1', 'node-2', 'redis', 0)).toBe(false);
    expect(shouldPickAnotherNode('h:1', 'h:1', 'in-process', 0)).toBe(false);
    expect(shouldPickAnotherNode('node-1', 'node-1', 'redis', MAX_NODE_PICKS)).toBe(false);
  });

  it('gives each member a nickname of its own in the shared room', () => {
    expect(nicknameFor('Ada', () => 0)).toBe('Ada-aaa');
    expect(nicknameFor('Lin', () => 0.999)).toBe('Lin-zzz');
  });
});

describe('the two-member widget in Chinese', () => {
  it('says where the members are and the path each message took', () => {
    expect(describeRoute({}, undefined, 'zh-CN')).toBe('未连接。');
    expect(describeRoute({ Lin: 'node-2' }, 'redis', 'zh-CN')).toBe('Lin 在 node-2 上；另一个成员不在聊天室里。');
    expect(describeRoute({ Ada: 'node-1', Lin: 'node-2' }, 'redis', 'zh-CN')).toBe(
      'Ada 在 node-1 上，Lin 在 node-2 上：他们之间的每条消息都要经过 Redis。',
    );
    expect(describeRoute({ Ada: 'h:8080', Lin: 'h:8080' }, 'in-process', 'zh-CN')).toMatch(/^两人在同一个节点 h:8080 上：/);
    expect(describeCrossing('node-1', 'node-2', 'redis', 'zh-CN')).toBe('在 node-1 上发出，在 node-2 上送达：它经过了 Redis');
    expect(describeCrossing('h:1', 'h:1', 'in-process', 'zh-CN')).toBe('在 h:1 上发出并送达，没有离开进程');
    expect(describeCrossing(undefined, 'node-2', 'redis', 'zh-CN')).toBe('在 node-2 上送达');
  });
});
