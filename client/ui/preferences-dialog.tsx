import { useEffect, useRef } from 'preact/hooks';
import { ChoiceSwitch } from './choice-switch.tsx';
import { isGpcHonored } from './choices-link.tsx';
import type { UiStore } from './store.ts';
import type { Strings } from './strings.ts';

/**
 * The preferences dialog. A native modal `<dialog>` gives the focus trap, the inert page behind it and Escape to
 * close; we add focus on the first switch and the return of focus to whatever opened it.
 */
export function PreferencesDialog({ store, t }: { store: UiStore; t: Strings }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const isOpen = store.isOpen.value;
  useEffect(() => {
    const element = dialog.current!;
    if (isOpen && !element.open) {
      element.showModal();
      element.querySelector<HTMLElement>('[role="switch"]')?.focus();
    } else if (!isOpen && element.open) {
      element.close();
    }
  }, [isOpen]);

  const state = store.state.value;
  const announcement = store.announcement.value;
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="cordon-title" onClose={() => isOpen && store.close()}>
      <div class="head">
        <h2 id="cordon-title" class="title">{t.title}</h2>
        <button type="button" class="close" aria-label={t.close} onClick={store.close}>×</button>
      </div>
      {isGpcHonored(state) && (
        <p class="honored-box"><strong>{t.honored}</strong> {t.honoredHint}</p>
      )}
      <p class="intro">{t.intro}</p>
      <ChoiceSwitch id="cordon-sale-share" label={t.saleShare} hint={t.saleShareHint}
        checked={state.saleOptOut && state.sharingOptOut}
        onToggle={(on) => store.choose({ saleOptOut: on, sharingOptOut: on })} />
      <ChoiceSwitch id="cordon-limit" label={t.limit} hint={t.limitHint}
        checked={state.limitSensitive}
        onToggle={(on) => store.choose({ limitSensitive: on })} />
      <p class="status" role="status">{announcement && t[announcement]}</p>
      <div class="actions">
        <button type="button" class="button" onClick={store.close}>{t.done}</button>
      </div>
    </dialog>
  );
}
