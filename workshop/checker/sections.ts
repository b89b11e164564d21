// The section that states the rule a bad-input case is about, for the checks made from the cases.

/** Case id → section, by the case's Autobahn category, with the single cases whose rule lives elsewhere. */
export function sectionOfFrameCase(id: string): string {
  if (id === '1.a') return '5.1';
  if (id === '2.5' || id === '5.1' || id === '5.2' || id === '7.3.6' || id === '7.b') return '5.5';
  if (id === '2.7' || id === '2.8') return '5.5.3';
  if (id.startsWith('2.')) return '5.5.2';
  if (id === '5.b' || (id.startsWith('9.') && id !== '9.1.c')) return '10.4';
  if (id === '7.5.1' || id.startsWith('6.')) return '8.1';
  // 1004, 1005 and 1006 are §7.4.1's; 0–999 and 1016–2999 are §7.4.2's; 5000 and above are in no range (§7.4).
  if (id.startsWith('7.9.'))
    return ['7.9.1004', '7.9.1005', '7.9.1006'].includes(id) ? '7.4.1' : id === '7.9.5000' || id === '7.9.65535' ? '7.4' : '7.4.2';
  if (id.startsWith('7.7.')) return '7.4.1';
  if (id.startsWith('7.')) return '5.5.1';
  if (id.startsWith('5.')) return '5.4';
  return '5.2';
}

/** Handshake case id → the RFC 6455 section that sets the answer. */
const HANDSHAKE_SECTIONS: Record<string, string> = {
  'h.1': '4.2.2',
  'h.2': '4.2.1',
  'h.3': '4.2.1',
  'h.4': '4.2.1',
  'h.5': '4.2.2',
  'h.6': '4.3',
  'h.7': '4.1',
  'h.9': '4.2.1',
  'h.10': '4.1',
  'h.11': '4.2.2',
  'h.12': '4.1',
  'h.17': '10.2',
  'h.18': '10.2',
  'h.19': '10.2',
  'h.20': '10.2',
  'h.21': '10.2',
  'h.22': '4.2.1',
};

/** Where a handshake case's rule is: a section of RFC 6455, or of RFC 6585 for the 431s of header limits. */
export function sectionOfHandshakeCase(id: string): { section: string; rfc?: string } {
  if (id === 'h.14' || id === 'h.15' || id === 'h.16') return { section: '5', rfc: '6585' };
  return { section: HANDSHAKE_SECTIONS[id] ?? '4.2.1' };
}
