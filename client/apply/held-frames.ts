import { isGpcHonored, purposeAllowed } from '../core/policy.ts';
import type { GuardInternals } from '../guard/apply-state.ts';
import type { Held } from '../guard/held.ts';
import { uiLanguage } from '../../shared/ui-languages.ts';
import { heldFrameStrings } from '../ui/strings/held-frame.ts';
import css from './held-frame.css?inline';
import type { Release } from './release.ts';

interface Note { host: HTMLElement; hid: boolean; describe(): void }

/**
 * A held frame (a video, a map) leaves a gap with nothing said. In its place stands a note of what is held and why,
 * with a button that loads it for this page view only: nothing is chosen, kept or recorded, so the next page holds
 * it again. Only a real click counts, so no script on the page can load a vendor through it. Returns what brings
 * the notes in line with what is held now.
 */
export function heldFramePlaceholders(guard: GuardInternals, release: Release): () => void {
  const lang = uiLanguage(document.documentElement.lang, navigator.languages);
  const t = heldFrameStrings[lang];
  const notes = new Map<Element, Note>();
  let sheet: CSSStyleSheet | undefined;

  function place(entry: Held): Note {
    const element = entry.element!;
    const host = document.createElement('cordon-held');
    host.lang = lang;
    const root = host.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
    const why = paragraph('why');
    const hint = paragraph('hint', t.loadHint);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t.load;
    button.setAttribute('aria-describedby', 'why hint');
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      const frame = element.localName === 'iframe' ? element : (element as HTMLTemplateElement).content.querySelector('iframe');
      release.forThisVisit(element);
      sync();
      // The button is gone; the visitor goes on from what they asked for.
      (frame as HTMLElement | null)?.focus();
    });
    root.append(why, hint, button);
    element.before(host);
    // An emptied frame would stand as a blank box beside its note.
    const hid = element.localName === 'iframe' && !(element as HTMLElement).hidden;
    if (hid) (element as HTMLElement).hidden = true;
    return { host, hid, describe: () => (why.textContent = describe(entry)) };
  }

  function describe({ item }: Held): string {
    const state = guard.manager.state;
    const vendor = guard.config.vendors.find(({ id }) => id === item.vendor)?.name ?? new URL(item.url, document.baseURI).host;
    const forbidding = item.purposes.filter((purpose) => !purposeAllowed(state, purpose));
    const names = forbidding.map((purpose) => (Object.hasOwn(t.purposes, purpose) ? t.purposes[purpose]! : purpose));
    const byGpc = isGpcHonored(state) && forbidding.every((purpose) => purpose === 'sale' || purpose === 'sharing');
    return `${t.notLoaded(vendor)} ${t.why(new Intl.ListFormat(lang).format(names), byGpc)}`;
  }

  function sync(): void {
    const frames = guard.held.filter(isFrame);
    for (const [element, note] of notes) {
      if (frames.some((entry) => entry.element === element)) continue;
      note.host.remove();
      if (note.hid) (element as HTMLElement).hidden = false;
      notes.delete(element);
    }
    for (const entry of frames) {
      if (!notes.has(entry.element!)) notes.set(entry.element!, place(entry));
      notes.get(entry.element!)!.describe();
    }
  }
  return sync;
}

/** A frame, or a template that brings one: what a visitor sees missing. Scripts and pixels leave no gap. */
function isFrame({ element }: Held): boolean {
  if (!element?.isConnected) return false;
  return element.localName === 'iframe' || (element.localName === 'template' && !!(element as HTMLTemplateElement).content.querySelector('iframe'));
}

function paragraph(className: string, text = ''): HTMLParagraphElement {
  const p = document.createElement('p');
  p.id = p.className = className;
  p.textContent = text;
  return p;
}
