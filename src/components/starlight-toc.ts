// Starlight's "On this page" element, with the same behaviour as Starlight's own but without its costly start-up.
// server/table-of-contents-integration.ts puts this module where Starlight's TableOfContents and
// MobileTableOfContents components import theirs, so both use it and Starlight's markup and styles stay as they are.

/** The id Starlight gives the page title, which stands for "the top of the page" in the list. */
const PAGE_TITLE_ID = '_top';

/**
 * Marks the link of the section being read. Each heading, and each block of the section below it, is watched as it
 * crosses a band near the top of the viewport; the block's heading is the section being read.
 *
 * Starlight finds those blocks with one `querySelectorAll` whose selectors use `:has()` four times. On a page whose
 * code blocks hold three thousand coloured tokens that took 35 ms in Chromium, twice (desktop and mobile lists), and
 * four times as long on the slow phone Lighthouse simulates (bench/README.md). `blocksToWatch` finds the same
 * elements in one walk, with `querySelector` on each candidate.
 */
export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private readonly minH = parseInt(this.dataset.minH || '2', 10);
  private readonly maxH = parseInt(this.dataset.maxH || '3', 10);
  /** Headings that can appear in the list, such as `h1#_top,:where(h2,h3)[id]`. */
  protected readonly tocHeadingSelector = `h1#${PAGE_TITLE_ID},:where(${Array.from(
    { length: 1 + this.maxH - this.minH },
    (_, index) => `h${this.minH + index}`,
  ).join()})[id]`;

  set current(link: HTMLAnchorElement) {
    if (link === this._current) return;
    this._current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this._current = link;
  }

  protected onIdle = (callback: () => void): void => {
    (window.requestIdleCallback || ((idle: () => void) => setTimeout(idle, 1)))(callback);
  };

  constructor() {
    super();
    this.onIdle(() => this.init());
  }

  protected init = (): void => {
    const links = [...this.querySelectorAll('a')];
    const setCurrent: IntersectionObserverCallback = (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        const heading = this.headingOf(target);
        const link = heading && links.find((candidate) => candidate.hash === `#${encodeURIComponent(heading.id)}`);
        if (link) {
          this.current = link;
          break;
        }
      }
    };
    const main = document.querySelector('main');
    const toWatch = main ? this.blocksToWatch(main) : [];
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      observer = new IntersectionObserver(setCurrent, { rootMargin: this.getRootMargin() });
      for (const block of toWatch) observer.observe(block);
    };
    observe();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timeout);
      timeout = setTimeout(() => this.onIdle(observe), 200);
    });
  };

  /**
   * The headings in `main`, and every element that holds no such heading and is a child of `main` or of the
   * Markdown content, or follows a heading (or Starlight's heading wrapper) among its siblings: the elements
   * Starlight's own selectors pick, in document order, which is the order the observer reports them in.
   */
  private blocksToWatch(main: HTMLElement): Element[] {
    const holdsNoHeading = (element: Element) => element.querySelector(this.tocHeadingSelector) === null;
    const watched = new Set<Element>(main.querySelectorAll(this.tocHeadingSelector));
    const parents = new Set<Element>();
    for (const start of main.querySelectorAll(`:where(${this.tocHeadingSelector}, .sl-heading-wrapper)`)) {
      // Each list of siblings is walked once, from its first heading on.
      const parent = start.parentElement;
      if (!parent || parents.has(parent)) continue;
      parents.add(parent);
      for (let sibling = start.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
        if (holdsNoHeading(sibling)) watched.add(sibling);
      }
    }
    for (const parent of [main, ...main.querySelectorAll('.sl-markdown-content')]) {
      for (const child of parent.children) if (holdsNoHeading(child)) watched.add(child);
    }
    return [...main.querySelectorAll('*')].filter((element) => watched.has(element));
  }

  /** Walks back through the page from `element` to the heading of its section. */
  private headingOf(element: Element): Element | null {
    for (let at: Element | null = element; at;) {
      if (at.matches('.sl-markdown-content, main > *')) return document.getElementById(PAGE_TITLE_ID);
      if (at.matches(this.tocHeadingSelector)) return at;
      const inside = at.querySelector(this.tocHeadingSelector);
      if (inside) return inside;
      let previous: Element | null = at.previousElementSibling;
      while (previous?.lastElementChild) previous = previous.lastElementChild;
      at = previous ?? at.parentElement;
    }
    return null;
  }

  /** The band starts below the header (and the mobile list's summary) plus 2rem, and is 53px tall. */
  private getRootMargin(): string {
    const top =
      (document.querySelector('header')?.getBoundingClientRect().height || 0) +
      (this.querySelector('summary')?.getBoundingClientRect().height || 0) +
      32;
    return `-${top}px 0% ${top + 53 - document.documentElement.clientHeight}px`;
  }
}

customElements.define('starlight-toc', StarlightTOC);
