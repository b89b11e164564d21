// Builds the DOM for an annotated frame in the browser; FrameDump.astro renders the same markup at build time.
import type { Locale } from '../lib/i18n/locale.ts';
import type { FrameAnnotation } from '../lib/protocol/annotate-frame.ts';
import { VIOLATION_REPORT_TEXT } from '../lib/protocol/protocol-text.ts';
import { localizeViolation, receiverPolicy, type Violation } from '../lib/protocol/violations.ts';

/** A section of another RFC is written `RFC 7692 §6.1`; a bare number such as `5.2` is RFC 6455's. */
const OTHER_RFC_SECTION = /^RFC (\d+) §(.+)$/;

/** A link to a section on the RFC Editor's site: RFC 6455's for a bare number, the named RFC's otherwise. */
export function rfcSectionUrl(section: string): string {
  const other = OTHER_RFC_SECTION.exec(section);
  if (other) return `https://www.rfc-editor.org/rfc/rfc${other[1]}#section-${other[2]}`;
  return `https://www.rfc-editor.org/rfc/rfc6455#section-${section}`;
}

/** How a section reads in a link: `§5.2` for RFC 6455's, `RFC 7692 §6.1` as it stands for another RFC's. */
export function rfcSectionLabel(section: string): string {
  return OTHER_RFC_SECTION.test(section) ? section : `§${section}`;
}

/**
 * How a violation reads: the rule, its section, its close code and the bytes that break it, and whose rule failing
 * is, in `locale` (English by default), whichever language the violation's own explanation came in.
 */
export function describeViolation(v: Violation, { locale = 'en' }: { locale?: Locale } = {}): string {
  const t = VIOLATION_REPORT_TEXT[locale];
  const outcome = receiverPolicy(v, locale) ?? t.requiredOutcome(v.closeCode);
  return t.line(localizeViolation(v, locale).explanation, rfcSectionLabel(v.section), t.bytes(v.range.start, v.range.end), outcome);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  // Text only, never HTML: payloads come from the network and from readers.
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Renders an annotation into `container`, replacing what was there. `idPrefix` makes each segment
 * deep-linkable (`#${idPrefix}-2`).
 */
export function renderAnnotation(
  container: HTMLElement,
  annotation: FrameAnnotation,
  idPrefix: string,
  // `locale` is the page's language, for the words this function adds itself (section links, violation lines).
  { open = true, locale = 'en' }: { open?: boolean; locale?: Locale } = {},
): void {
  const list = element('ol', 'frame-segments');
  annotation.segments.forEach((segment, index) => {
    const item = element('li', 'frame-segment');
    item.id = `${idPrefix}-${index}`;
    const details = element('details', '');
    details.open = open;
    const summary = element('summary', '');
    summary.append(element('code', 'segment-hex', segment.hex), ' ', element('span', 'segment-title', segment.title));
    const fields = element('dl', 'segment-fields');
    for (const field of segment.fields) {
      const term = element('dt', '', field.label);
      if (field.bits) term.append(' ', element('code', 'segment-bits', field.bits));
      const description = element('dd', '');
      const link = element('a', 'rfc-section', rfcSectionLabel(field.section));
      link.href = rfcSectionUrl(field.section);
      description.append(element('strong', '', field.value), ` — ${field.note} `, link);
      fields.append(term, description);
    }
    details.append(summary, fields);
    item.append(details);
    list.append(item);
  });
  const children: Node[] = [list];
  if (annotation.violations.length > 0) {
    const heading = element('p', 'violations-title', VIOLATION_REPORT_TEXT[locale].heading(annotation.violations.length));
    const violations = element('ul', 'frame-violations');
    for (const v of annotation.violations) {
      const item = element('li', '');
      item.dataset.violation = v.id;
      item.append(element('code', '', v.id), ` ${describeViolation(v, { locale })}`);
      violations.append(item);
    }
    children.push(heading, violations);
  }
  container.replaceChildren(...children);
}
