// Builds a WebSocket URL from a path on the page's own host, with wss: on an https: page and ws: on an http: one.
//
// Usage:
//   const socket = new WebSocket(socketUrl('/ws/updates'));

export function socketUrl(path, page = location) {
  const url = new URL(path, page.href);
  // A page that came over TLS may only open sockets over TLS: mixed content is blocked, not downgraded.
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
