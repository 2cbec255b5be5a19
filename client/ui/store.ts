import { signal } from '@preact/signals-core';
import type { Choices } from '../../shared/choices.ts';
import type { State } from '../../shared/client.ts';
import type { CordonApi } from '../guard/api.ts';

export type Announcement = '' | 'saved' | 'refused';

/**
 * The UI's view of the guard: the state it shows and what was last announced. The native modal `<dialog>` keeps
 * whether it is open, gives the focus trap, the inert page behind it and Escape; the store adds focus on the first
 * switch and, when the dialog closes, the return of focus to whatever opened it.
 */
export function createUiStore(cordon: CordonApi) {
  const state = signal<State>(cordon.getState());
  const announcement = signal<Announcement>('');
  let dialog: HTMLDialogElement | null = null;
  let opener: HTMLElement | null = null;
  addEventListener('cordon:change', (event) => { state.value = (event as CustomEvent<State>).detail; });

  return {
    state,
    announcement,
    dialogRef(element: HTMLDialogElement | null) {
      dialog = element;
    },
    open(from: HTMLElement | null = focusedElement()) {
      if (!dialog || dialog.open) return;
      opener = from;
      announcement.value = '';
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[role="switch"]')?.focus();
    },
    close() {
      dialog?.close();
    },
    closed() {
      if (opener?.isConnected) opener.focus();
    },
    choose(partial: Partial<Choices>) {
      const next = cordon.setChoices(partial);
      state.value = next;
      announcement.value = (Object.keys(partial) as (keyof Choices)[]).every((key) => next[key] === partial[key]) ? 'saved' : 'refused';
    },
  };
}
export type UiStore = ReturnType<typeof createUiStore>;

/** The element that has focus, looking inside shadow roots so focus returns to the very control that opened us. */
function focusedElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
