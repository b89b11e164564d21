// Whether an address or a Host header names this machine: the unsafe CSWSH endpoint answers nothing else.

/** A TCP peer on this machine: 127.0.0.0/8, ::1, or an IPv4 loopback address mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/** A Host header (host[:port]) that names this machine, so a rebound DNS name of another site does not count. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  // A bare address, as HOST may be (::1 has no brackets there).
  if (isLoopbackAddress(host)) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || isLoopbackAddress(hostname);
}
