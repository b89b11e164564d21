// Runs a widget's start-up once it comes near the viewport, so code for widgets far down a page loads only if read.

/** Calls `start` once, when `element` comes within half a screen of the viewport. */
export function whenNearViewport(element: Element, start: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    { rootMargin: '50% 0px' },
  );
  observer.observe(element);
}
