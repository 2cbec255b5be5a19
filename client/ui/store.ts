import { signal } from '@preact/signals';
import type { Choices } from '../../shared/choices.ts';
import type { State } from '../../shared/client.ts';
import type { CordonApi } from '../guard/api.ts';

export type Announcement = '' | 'saved' | 'refused';

/** The UI's view of the guard: the state it shows, whether the dialog is open, and what was last announced. */
export function createUiStore(cordon: CordonApi) {
  const state = signal<State>(cordon.getState());
  const isOpen = signal(false);
  const announcement = signal<Announcement>('');
  let opener: HTMLElement | null = null;
  addEventListener('cordon:change', (event) => { state.value = (event as CustomEvent<State>).detail; });

  return {
    state,
    isOpen,
    announcement,
    open(from: HTMLElement | null = focusedElement()) {
      opener = from;
      announcement.value = '';
      isOpen.value = true;
    },
    close() {
      isOpen.value = false;
      if (opener?.isConnected) opener.focus();
    },
    choose(partial: Partial<Choices>) {
      const next = cordon.setChoices(partial);
      const applied = (Object.keys(partial) as (keyof Choices)[]).every((key) => next[key] === partial[key]);
      state.value = next;
      announcement.value = applied ? 'saved' : 'refused';
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
