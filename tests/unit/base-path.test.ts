// BASE_PATH: how it is read, and how the chapters' root-relative links are put under it at build time.
import { describe, expect, it } from 'vitest';
import { basePathFrom, baseLinksPlugin, withBase } from '../../server/base-path.ts';

describe('basePathFrom', () => {
  it('gives / when unset, and one slash at each end otherwise', () => {
    expect(basePathFrom(undefined)).toBe('/');
    expect(basePathFrom('')).toBe('/');
    expect(basePathFrom('/')).toBe('/');
    expect(basePathFrom('websocket-workshop')).toBe('/websocket-workshop/');
    expect(basePathFrom('/a/b//')).toBe('/a/b/');
  });

  it('refuses a URL where a path belongs, naming the rule', () => {
    expect(() => basePathFrom('https://user.example.io/websocket-workshop/')).toThrow(/BASE_PATH must be a path/);
    expect(() => basePathFrom('//cdn.example/x')).toThrow(/BASE_PATH must be a path/);
    expect(() => basePathFrom('/x/?y')).toThrow(/BASE_PATH must be a path/);
  });
});

describe('withBase', () => {
  const base = '/websocket-workshop/';
  it('prefixes root-relative paths, anchors and queries included', () => {
    expect(withBase('/frames/', base)).toBe('/websocket-workshop/frames/');
    expect(withBase('/handshake/#key-and-accept', base)).toBe('/websocket-workshop/handshake/#key-and-accept');
    expect(withBase('/workshop/04-echo/?server=ws://localhost:8081', base)).toBe(
      '/websocket-workshop/workshop/04-echo/?server=ws://localhost:8081',
    );
  });

  it('leaves other links, links already under the base, and every link at the root base alone', () => {
    for (const href of ['https://www.rfc-editor.org/rfc/rfc6455', '//cdn.example/x', '#top', 'frames/', '../x/', 'mailto:a@b.c']) {
      expect(withBase(href, base)).toBe(href);
    }
    expect(withBase('/websocket-workshop/frames/', base)).toBe('/websocket-workshop/frames/');
    expect(withBase('/websocket-workshop', base)).toBe('/websocket-workshop');
    expect(withBase('/frames/', '/')).toBe('/frames/');
  });
});

describe('baseLinksPlugin', () => {
  /** Runs the plugin's visitor over elements as Sätteri would, recording what it sets. */
  function visit(base: string, elements: { tagName: string; properties: Record<string, unknown> }[]): string[] {
    const plugin = baseLinksPlugin(base);
    const set: string[] = [];
    const element = plugin!.element as unknown as { filter: string[]; visit: (node: unknown, ctx: unknown) => void };
    const ctx = { setProperty: (_node: unknown, name: string, value: string) => set.push(`${name}=${value}`) };
    for (const node of elements) if (element.filter.includes(node.tagName)) element.visit(node, ctx);
    return set;
  }

  it("puts the chapters' links and images under the base, and nothing else", () => {
    const set = visit('/websocket-workshop/', [
      { tagName: 'a', properties: { href: '/frames/#how' } },
      { tagName: 'img', properties: { src: '/favicon.svg' } },
      { tagName: 'a', properties: { href: 'https://example.com/' } },
      { tagName: 'a', properties: { href: '#top' } },
      { tagName: 'p', properties: { title: '/not-a-link/' } },
    ]);
    expect(set).toEqual(['href=/websocket-workshop/frames/#how', 'src=/websocket-workshop/favicon.svg']);
  });

  it('is left out of the pipeline at the root', () => {
    expect(baseLinksPlugin('/')).toBeUndefined();
  });
});
