import { heldFrameScript } from '../../shared/ui-languages.ts';
import type { GuardInternals } from '../guard/apply-state.ts';
import type { Held } from '../guard/held.ts';
import type { Release } from './release.ts';

/** What `held-frame.<lang>.js` registers: given the guard and the release, what shows a note in each held frame's place. */
export type StartHeldFrameNotes = (guard: GuardInternals, release: Release) => ShowHeldFrameNotes;
/** Brings the notes in line with the frames held now: one for each, none for a frame released. */
export type ShowHeldFrameNotes = (frames: Held[]) => void;

/**
 * A held frame (a video, a map) leaves a gap, so a note stands in its place. Most pages hold none, so what draws the
 * notes (their strings, styles and markup) comes in its own script, loaded the first time a frame is held. Returns
 * what brings the notes in line with what is held now.
 */
export function heldFrameNotes(guard: GuardInternals, release: Release): () => void {
  let notes: Promise<ShowHeldFrameNotes> | undefined;
  return () => {
    if (!notes && !guard.held.some(isFrame)) return;
    notes ??= guard.load<StartHeldFrameNotes>(heldFrameScript(guard.lang)).then((start) => start(guard, release));
    // What is held when the script has come, not when it was asked for.
    void notes.then((show) => show(guard.held.filter(isFrame)));
  };
}

/** A frame, or a template that brings one: what a visitor sees missing. Scripts and pixels leave no gap. */
function isFrame({ element }: Held): boolean {
  if (!element?.isConnected) return false;
  return element.localName === 'iframe' || (element.localName === 'template' && !!(element as HTMLTemplateElement).content.querySelector('iframe'));
}
