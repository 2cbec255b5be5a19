/**
 * What the note in a held frame's place says. Each `held-frame.<lang>.js` carries one language's, like the UI, and
 * only a page that holds a frame loads it.
 */
export interface HeldFrameStrings {
  notLoaded: (what: string) => string;
  /** `gpc`: the browser's signal, rather than the visitor's own choice, keeps it out. */
  why: (purposes: string, gpc: boolean) => string;
  /** The purposes a site may declare, as the visitor reads them; a purpose not named here is shown as it is. */
  purposes: Record<string, string>;
  load: string;
  loadHint: string;
}

export const english: HeldFrameStrings = {
  notLoaded: (what) => `${what} is not loaded.`,
  why: (purposes, gpc) => gpc
    ? `It is used for ${purposes}, and your browser's Global Privacy Control signal asks this site not to allow that.`
    : `It is used for ${purposes}, which your privacy choices do not allow.`,
  purposes: {
    sale: 'selling personal information',
    sharing: 'cross-context behavioral advertising',
    sensitive: 'using sensitive personal information',
    analytics: 'analytics',
  },
  load: 'Load for this visit',
  loadHint: 'It loads on this page only; your privacy choices stay as they are.',
};
