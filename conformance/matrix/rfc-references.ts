// The RFC sections an explanation cites (its `rfc`), each with its link, for the Conformance page and the language guides.
/** One section an explanation cites: its RFC's label where the RFC changes (the first is RFC 6455), and its link. */
export interface RfcReference {
  rfcLabel: string | undefined;
  section: string;
  href: string;
}

/**
 * The sections of an explanation's `rfc`, such as `§10.4, RFC 7692 §8`: a bare `§` is RFC 6455's, a section after
 * `RFC n` is that RFC's and links there.
 */
export function rfcReferences(rfc: string): RfcReference[] {
  let current = '';
  return rfc.split(',').map((raw) => {
    const match = /^(?:RFC (\d+) )?§(\S+)$/.exec(raw.trim());
    if (match === null) throw new Error(`an explanation cites "${raw.trim()}"; write §n.n, or RFC n §n.n for another RFC`);
    const [, number = '6455', section = ''] = match;
    const rfcLabel = number === current ? undefined : `RFC ${number}`;
    current = number;
    return { rfcLabel, section, href: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}` };
  });
}
