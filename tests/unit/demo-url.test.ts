import { describe, expect, it } from 'vitest';
import { demoHttpUrl, demoSocketUrl, demoUnreachable, readersServer } from '../../src/lib/demo-url.ts';

describe('demoSocketUrl', () => {
  it('uses the page origin with ws: for an http page, whatever the page path', () => {
    expect(demoSocketUrl('/ws/echo', 'http://localhost:4321/handshake/#key')).toBe('ws://localhost:4321/ws/echo');
  });

  it('uses wss: for an https page', () => {
    expect(demoSocketUrl('/ws/echo', 'https://workshop.example/frames/')).toBe('wss://workshop.example/ws/echo');
  });

  it('prefers PUBLIC_DEMO_URL, keeping its scheme family and path prefix', () => {
    const page = 'https://docs.example/handshake/';
    expect(demoSocketUrl('/ws/echo', page, 'https://demo.example')).toBe('wss://demo.example/ws/echo');
    expect(demoSocketUrl('/ws/echo', page, 'wss://demo.example/workshop')).toBe('wss://demo.example/workshop/ws/echo');
    expect(demoSocketUrl('/ws/echo', 'http://localhost:4321/', 'http://127.0.0.1:8080/')).toBe('ws://127.0.0.1:8080/ws/echo');
  });

  it('treats a blank PUBLIC_DEMO_URL as unset', () => {
    expect(demoSocketUrl('/ws/echo', 'http://localhost:4321/x/', '  ')).toBe('ws://localhost:4321/ws/echo');
  });
});

describe('demoHttpUrl', () => {
  it('uses the page origin, http: for an http page and https: for an https page', () => {
    expect(demoHttpUrl('/race/runs', 'http://localhost:4321/why-websocket/#race')).toBe('http://localhost:4321/race/runs');
    expect(demoHttpUrl('/race/runs', 'https://workshop.example/why-websocket/')).toBe('https://workshop.example/race/runs');
  });

  it('prefers PUBLIC_DEMO_URL, mapping ws: to http: and wss: to https:, and keeps its path prefix', () => {
    const page = 'https://docs.example/why-websocket/';
    expect(demoHttpUrl('/race/sse', page, 'wss://demo.example/workshop')).toBe('https://demo.example/workshop/race/sse');
    expect(demoHttpUrl('/race/sse', page, 'https://demo.example')).toBe('https://demo.example/race/sse');
    expect(demoHttpUrl('/race/sse', 'http://localhost:4321/', 'ws://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/race/sse');
  });

  it('treats a blank PUBLIC_DEMO_URL as unset and keeps a query string', () => {
    expect(demoHttpUrl('/race/short-poll?run=abc&after=2', 'http://localhost:4321/x/', ' ')).toBe(
      'http://localhost:4321/race/short-poll?run=abc&after=2',
    );
  });
});

describe('readersServer (the hands-on track: ?server=ws://localhost:PORT)', () => {
  it("points the widgets at the reader's own server on this machine, over PUBLIC_DEMO_URL and the page's origin", () => {
    expect(demoSocketUrl('/ws/echo', 'http://localhost:4321/workshop/04-echo/?server=ws://localhost:8081', 'https://demo.example')).toBe(
      'ws://localhost:8081/ws/echo',
    );
    expect(demoSocketUrl('/ws/echo', 'http://localhost:4321/x/?server=ws%3A%2F%2F127.0.0.1%3A9000')).toBe('ws://127.0.0.1:9000/ws/echo');
    expect(demoSocketUrl('/ws/echo', 'https://workshop.example/x/?server=http://[::1]:8081')).toBe('ws://[::1]:8081/ws/echo');
  });

  it('ignores a server elsewhere, a scheme that is not HTTP or WebSocket, and junk', () => {
    for (const server of ['wss://evil.example', 'ws://localhost.evil.example:8081', 'javascript:alert(1)', 'not a url', '']) {
      const page = `http://localhost:4321/x/?server=${encodeURIComponent(server)}`;
      expect(readersServer(page), server).toBeNull();
      expect(demoSocketUrl('/ws/echo', page)).toBe('ws://localhost:4321/ws/echo');
    }
  });
});

describe('demoUnreachable', () => {
  it('names both causes a page cannot tell apart, where it looked, and the setting behind a refusal', () => {
    expect(demoUnreachable('wss://demo.example/ws/echo')).toMatch(
      /^The demo server could not be reached at wss:\/\/demo\.example\/ws\/echo, or it refused this page\./,
    );
    expect(demoUnreachable()).toMatch(/^The demo server could not be reached, or it refused this page\. Is it running\?/);
    expect(demoUnreachable()).toContain('ALLOWED_ORIGINS');
  });
});

describe('under a sub-path (BASE_PATH)', () => {
  it("keeps the demo endpoints at the origin's root when there is no PUBLIC_DEMO_URL, where npm start serves them", () => {
    expect(demoSocketUrl('/ws/echo', 'https://user.example.io/websocket-workshop/handshake/')).toBe('wss://user.example.io/ws/echo');
    expect(demoHttpUrl('/race/runs', 'http://localhost:8080/websocket-workshop/why-websocket/')).toBe('http://localhost:8080/race/runs');
  });
});
