import type { UiLanguage } from '../../shared/ui-languages.ts';
import type { ShowHeldFrameNotes, StartHeldFrameNotes } from '../apply/held-frames.ts';
import { isGpcHonored, purposeAllowed } from '../core/policy.ts';
import type { GuardInternals } from '../guard/apply-state.ts';
import type { Held } from '../guard/held.ts';
import css from './held-frame.css?inline';
import type { HeldFrameStrings } from './strings/en.ts';

interface Note { host: HTMLElement; hid: boolean; describe(): void }
/** What every note on the page shares: the state it explains, and the language and styles it says it in. */
interface Notes { guard: GuardInternals; lang: UiLanguage; t: HeldFrameStrings; sheet: CSSStyleSheet }
interface Box { width: number; height: number; display: 'block' | 'inline-block' }

/**
 * In a held frame's place stands a note of what is held and why, with a button that loads it for this page view
 * only: nothing is chosen, kept or recorded, so the next page holds it again. Only a real click counts, so no script
 * on the page can load a vendor through it. Each `held-frame.<lang>.js` starts it with its language's strings.
 */
export function startHeldFrameNotes(lang: UiLanguage, t: HeldFrameStrings): StartHeldFrameNotes {
  return (guard, release) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const shared: Notes = { guard, lang, t, sheet };
    const notes = new Map<Element, Note>();
    const remove = (element: Element) => {
      const note = notes.get(element)!;
      note.host.remove();
      if (note.hid) (element as HTMLElement).hidden = false;
      notes.delete(element);
    };
    const loadForThisVisit = (element: Element) => {
      const frame = element.localName === 'iframe' ? element : (element as HTMLTemplateElement).content.querySelector('iframe');
      release.forThisVisit(element);
      remove(element);
      // The button is gone; the visitor goes on from what they asked for.
      (frame as HTMLElement | null)?.focus();
    };
    const show: ShowHeldFrameNotes = (frames) => {
      for (const element of notes.keys()) {
        if (!frames.some((entry) => entry.element === element)) remove(element);
      }
      for (const entry of frames) {
        const element = entry.element!;
        if (!notes.has(element)) notes.set(element, placeNote(entry, shared, () => loadForThisVisit(element)));
        notes.get(element)!.describe();
      }
    };
    return show;
  };
}

/** The note goes in the frame's place, in the frame's box, and the emptied frame, a blank box beside it, is hidden. */
function placeNote(entry: Held, shared: Notes, loadForThisVisit: () => void): Note {
  const element = entry.element!;
  const host = document.createElement('cordon-held');
  host.lang = shared.lang;
  const root = host.attachShadow({ mode: 'open' });
  const box = frameBox(element);
  root.adoptedStyleSheets = box ? [shared.sheet, boxSheet(box)] : [shared.sheet];
  const why = paragraph('why');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = shared.t.load;
  button.setAttribute('aria-describedby', 'why hint');
  button.addEventListener('click', (event) => {
    if (event.isTrusted) loadForThisVisit();
  });
  root.append(why, paragraph('hint', shared.t.loadHint), button);
  element.before(host);
  const hid = element.localName === 'iframe' && !(element as HTMLElement).hidden;
  if (hid) (element as HTMLElement).hidden = true;
  return { host, hid, describe: () => (why.textContent = describe(entry, shared)) };
}

function describe({ item }: Held, { guard, lang, t }: Notes): string {
  const state = guard.manager.state;
  const vendor = guard.config.vendors.find(({ id }) => id === item.vendor)?.name ?? new URL(item.url, document.baseURI).host;
  const forbidding = item.purposes.filter((purpose) => !purposeAllowed(state, purpose));
  const names = forbidding.map((purpose) => (Object.hasOwn(t.purposes, purpose) ? t.purposes[purpose]! : purpose));
  const byGpc = isGpcHonored(state) && forbidding.every((purpose) => purpose === 'sale' || purpose === 'sharing');
  return `${t.notLoaded(vendor)} ${t.why(new Intl.ListFormat(lang).format(names), byGpc)}`;
}

/**
 * The note often comes after the page is painted, so it takes the frame's box and nothing around it moves (no
 * layout shift): a frame in the page as it is laid out, before it is hidden; a template's frame, whose content is not
 * laid out, as its width and height attributes say, if they do. Unknown, the note takes the room its text needs.
 */
function frameBox(element: Element): Box | undefined {
  if (element.localName === 'iframe') {
    const { width, height } = element.getBoundingClientRect();
    // An inline frame stands on the line as an inline-block does, its bottom on the baseline.
    const display = getComputedStyle(element).display === 'inline' ? 'inline-block' : 'block';
    return width > 0 && height > 0 ? { width, height, display } : undefined;
  }
  const frame = (element as HTMLTemplateElement).content.querySelector('iframe')!;
  const [width, height] = [Number(frame.getAttribute('width')), Number(frame.getAttribute('height'))];
  return width > 0 && height > 0 ? { width, height, display: 'block' } : undefined;
}

/** One sheet per note, as boxes differ: a constructed stylesheet, where a style attribute would need 'unsafe-inline'. */
function boxSheet({ width, height, display }: Box): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  // The ratio, not the height, so in a column narrower than the frame it keeps its shape, as a responsive embed does;
  // a text longer than the box scrolls in it rather than push the page down; its size is what the styles query.
  sheet.replaceSync(`:host{display:${display};box-sizing:border-box;width:${width}px;max-width:100%;aspect-ratio:${width}/${height};margin:0;overflow:auto;container-type:size}`);
  return sheet;
}

function paragraph(className: string, text = ''): HTMLParagraphElement {
  const p = document.createElement('p');
  p.id = p.className = className;
  p.textContent = text;
  return p;
}
