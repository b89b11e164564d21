interface ImportMetaEnv {
  /** Base URL of a separately hosted demo server, fixed at build time; unset means the page's own origin. */
  readonly PUBLIC_DEMO_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
