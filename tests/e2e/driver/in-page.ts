// The script both engines install in every page before its own scripts run: one element finder (by role, label,
// text, CSS) and a record of the WebSockets the page opened, so a journey sees the same DOM the same way everywhere.

/** How a journey matches a name or a text: a string (case-insensitive substring, or exact) or a RegExp's parts. */
export type TextMatch = { string: string; exact?: true } | { source: string; flags: string };

/** One link in a locator's chain; each step narrows the elements the one before it found. */
export type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextMatch; level?: number }
  | { kind: 'label'; text: TextMatch }
  | { kind: 'text'; text: TextMatch }
  | { kind: 'hasText'; text: TextMatch }
  | { kind: 'nth'; index: number };

export interface JourneyHelpers {
  /** Every element the chain finds, in document order. */
  resolve(steps: Step[]): Element[];
  /** The one element the chain finds; throws when there is none or more than one. */
  one(steps: Step[]): Element;
  /** Whitespace collapsed and trimmed, as the text assertions compare it. */
  normalize(text: string): string;
  /** Rendered, with a box, and not visibility:hidden. */
  isVisible(element: Element): boolean;
  /** The URL of every WebSocket the page constructed, in order. */
  sockets: string[];
}

/**
 * Installed as an init script: it must be one self-contained function, since each engine sends its source text.
 * The role and name rules are the subset of WAI-ARIA and HTML-AAM that the site's widgets use.
 */
export function installJourneyHelpers(): void {
  const w = window as unknown as { __journey?: () => JourneyHelpers; WebSocket: typeof WebSocket };
  if (w.__journey) return;
  const sockets: string[] = [];
  const NativeWebSocket = w.WebSocket;
  // A Proxy keeps the constructor's statics, prototype and instanceof exactly as they were.
  w.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      try {
        sockets.push(new URL(String(args[0]), location.href).href);
      } catch {
        sockets.push(String(args[0]));
      }
      return Reflect.construct(target, args, newTarget);
    },
  });

  const normalize = (text: string) => text.replace(/[\s\u200b]+/g, ' ').trim();
  const matches = (text: string, match: TextMatch) => {
    if ('source' in match) return new RegExp(match.source, match.flags).test(normalize(text));
    const got = normalize(text);
    const want = normalize(match.string);
    return match.exact ? got === want : got.toLowerCase().includes(want.toLowerCase());
  };
  const isVisible = (element: Element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return false;
    return element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  };
  /** Hidden from the accessibility tree: aria-hidden, or not rendered at all. */
  const isHiddenFromTree = (element: Element) => {
    for (let e: Element | null = element; e; e = e.parentElement) if (e.getAttribute('aria-hidden') === 'true') return true;
    return !element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) && !(element instanceof HTMLOptionElement);
  };

  const inputRoles: Record<string, string> = {
    button: 'button',
    submit: 'button',
    reset: 'button',
    image: 'button',
    checkbox: 'checkbox',
    radio: 'radio',
    range: 'slider',
    number: 'spinbutton',
    search: 'searchbox',
  };
  const hasName = (element: Element) => element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby');
  const roleOf = (element: Element): string | null => {
    const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = element.localName;
    switch (tag) {
      case 'a':
      case 'area':
        return element.hasAttribute('href') ? 'link' : null;
      case 'button':
        return 'button';
      case 'input': {
        const type = (element as HTMLInputElement).type;
        if (type === 'hidden') return null;
        return inputRoles[type] ?? 'textbox';
      }
      case 'textarea':
        return 'textbox';
      case 'select':
        return (element as HTMLSelectElement).multiple || (element as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
      case 'option':
        return 'option';
      case 'output':
        return 'status';
      case 'section':
        return hasName(element) ? 'region' : null;
      case 'form':
        return hasName(element) ? 'form' : null;
      case 'nav':
        return 'navigation';
      case 'main':
        return 'main';
      case 'aside':
        return 'complementary';
      case 'article':
        return 'article';
      case 'ul':
      case 'ol':
      case 'menu':
        return 'list';
      case 'li':
        return 'listitem';
      case 'dt':
        return 'term';
      case 'dd':
        return 'definition';
      case 'table':
        return 'table';
      case 'thead':
      case 'tbody':
      case 'tfoot':
        return 'rowgroup';
      case 'tr':
        return 'row';
      case 'td':
        return 'cell';
      case 'th': {
        const scope = element.getAttribute('scope');
        if (scope === 'row' || scope === 'rowgroup') return 'rowheader';
        return 'columnheader';
      }
      case 'figure':
        return 'figure';
      case 'fieldset':
      case 'details':
        return 'group';
      case 'img':
        return element.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'hr':
        return 'separator';
      case 'p':
        return 'paragraph';
      case 'dialog':
        return 'dialog';
      case 'progress':
        return 'progressbar';
      case 'meter':
        return 'meter';
      case 'svg':
        return null;
      default:
        return /^h[1-6]$/.test(tag) ? 'heading' : null;
    }
  };

  /** The text a name is computed from when it comes from content: hidden parts left out. */
  const contentText = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element)) return '';
    if (node.getAttribute('aria-hidden') === 'true' || node instanceof HTMLScriptElement || node instanceof HTMLStyleElement) return '';
    if (node.hasAttribute('aria-label')) return ` ${node.getAttribute('aria-label')} `;
    if (node instanceof HTMLInputElement && node.type !== 'checkbox' && node.type !== 'radio') return ` ${node.value} `;
    const inner = [...node.childNodes].map(contentText).join('');
    return getComputedStyle(node).display === 'inline' ? inner : ` ${inner} `;
  };
  const textOfIds = (element: Element, attribute: string) =>
    (element.getAttribute(attribute) ?? '')
      .split(/\s+/)
      .map((id) => id && document.getElementById(id))
      .filter((e): e is HTMLElement => Boolean(e))
      .map((e) => (e.hasAttribute('aria-label') ? e.getAttribute('aria-label')! : contentText(e)));
  const nameFromContent = new Set([
    'button',
    'link',
    'cell',
    'columnheader',
    'rowheader',
    'row',
    'heading',
    'checkbox',
    'radio',
    'option',
    'tab',
    'menuitem',
    'switch',
    'tooltip',
    'treeitem',
    'gridcell',
  ]);
  const accessibleName = (element: Element): string => {
    const labelledBy = textOfIds(element, 'aria-labelledby');
    if (labelledBy.length) return normalize(labelledBy.join(' '));
    const label = element.getAttribute('aria-label');
    if (label && label.trim()) return normalize(label);
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length) return normalize([...labels].map(contentText).join(' '));
    if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) return normalize(element.value);
    if (element instanceof HTMLImageElement) return normalize(element.alt);
    const captionOf: Record<string, string> = { figure: 'figcaption', table: 'caption', fieldset: 'legend' };
    const captionTag = captionOf[element.localName];
    if (captionTag) {
      const caption = [...element.children].find((child) => child.localName === captionTag);
      if (caption) return normalize(contentText(caption));
    }
    const role = roleOf(element);
    const fromContent = role && nameFromContent.has(role) ? normalize(contentText(element)) : '';
    return fromContent || normalize(element.getAttribute('title') ?? '');
  };
  /** What getByLabel compares: aria-label, the aria-labelledby text, and each associated <label>. */
  const labelTexts = (element: Element): string[] => {
    const texts: string[] = [];
    const label = element.getAttribute('aria-label');
    if (label) texts.push(label);
    const labelledBy = textOfIds(element, 'aria-labelledby');
    if (labelledBy.length) texts.push(labelledBy.join(' '));
    const labels = (element as HTMLInputElement).labels;
    if (labels) for (const l of labels) texts.push(l.textContent ?? '');
    return texts;
  };

  const levelOf = (element: Element) => Number(element.getAttribute('aria-level') ?? /^h([1-6])$/.exec(element.localName)?.[1] ?? NaN);
  const descendants = (scopes: (Element | Document)[]): Element[] => {
    const seen = new Set<Element>();
    for (const scope of scopes) for (const e of scope.querySelectorAll('*')) seen.add(e);
    return [...seen];
  };
  const inOrder = (elements: Iterable<Element>): Element[] =>
    [...new Set(elements)].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));

  const resolve = (steps: Step[]): Element[] => {
    let current: (Element | Document)[] = [document];
    let elements: Element[] = [];
    for (const step of steps) {
      switch (step.kind) {
        case 'css': {
          const found: Element[] = [];
          for (const scope of current) found.push(...scope.querySelectorAll(step.selector));
          elements = inOrder(found);
          break;
        }
        case 'role':
          elements = descendants(current).filter(
            (e) =>
              roleOf(e) === step.role &&
              !isHiddenFromTree(e) &&
              (step.level === undefined || levelOf(e) === step.level) &&
              (!step.name || matches(accessibleName(e), step.name)),
          );
          break;
        case 'label':
          elements = descendants(current).filter((e) => labelTexts(e).some((text) => matches(text, step.text)));
          break;
        case 'text': {
          const skip = new Set(['script', 'style', 'head', 'template', 'noscript']);
          const candidates = descendants(current).filter((e) => !skip.has(e.localName) && matches(e.textContent ?? '', step.text));
          // The innermost element holding the text, not each of its ancestors.
          elements = candidates.filter((e) => ![...e.children].some((child) => candidates.includes(child)));
          break;
        }
        case 'hasText':
          elements = (current as Element[]).filter((e) => matches(e.textContent ?? '', step.text));
          break;
        case 'nth': {
          const list = current as Element[];
          const picked = step.index < 0 ? list[list.length + step.index] : list[step.index];
          elements = picked ? [picked] : [];
          break;
        }
      }
      current = elements;
    }
    return elements;
  };

  const one = (steps: Step[]): Element => {
    const found = resolve(steps);
    if (found.length !== 1) throw new Error(`expected one element, found ${found.length}`);
    return found[0]!;
  };
  const helpers: JourneyHelpers = { resolve, one, normalize, isVisible, sockets };
  // A function, so that a page script cannot mistake it for data.
  w.__journey = () => helpers;
}
