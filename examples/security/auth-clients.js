// A browser client for each authentication pattern of the demo server's /ws/auth/* endpoints, given the credential it needs.
//
// Usage (in a page of the site, signed in with POST /auth/session):
//   const { ticket } = await (await fetch('/auth/ticket', { method: 'POST' })).json();
//   const socket = connectWithTicket('wss://workshop.example.com', ticket);

/** The cookie goes along by itself: the page's only part is to be on an origin the server allows. */
export function connectWithCookie(origin) {
  return new WebSocket(`${origin}/ws/auth/cookie`);
}

/** A one-time ticket in the URL: it opens one socket, soon, and is worthless afterwards. */
export function connectWithTicket(origin, ticket) {
  return new WebSocket(`${origin}/ws/auth/ticket?ticket=${encodeURIComponent(ticket)}`);
}

/** The token as the first message: the server gives the socket a deadline until it comes. */
export function connectWithFirstMessage(origin, token) {
  const socket = new WebSocket(`${origin}/ws/auth/first-message`);
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token })), { once: true });
  return socket;
}

/**
 * The token as a subprotocol name, Kubernetes' way, next to the subprotocol the server speaks: the server must answer
 * with one of the offered names, and answering with the token's would send the token back.
 */
export function connectWithSubprotocol(origin, token) {
  return new WebSocket(`${origin}/ws/auth/subprotocol`, [`base64url.bearer.authorization.k8s.io.${base64url(token)}`, 'demo.auth.v1']);
}

/** The token in the query string: it works, and every access log on the way keeps it. */
export function connectWithQuery(origin, token) {
  return new WebSocket(`${origin}/ws/auth/query?token=${encodeURIComponent(token)}`);
}

/** base64url without padding (RFC 4648 §5), so every character is allowed in a subprotocol name. */
export function base64url(text) {
  const binary = Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
