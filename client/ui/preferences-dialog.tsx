import { h } from 'preact';
import { ChoiceSwitch } from './choice-switch.tsx';
import { isGpcHonored } from '../core/policy.ts';
import type { UiStore } from './store.ts';
import type { Strings } from './strings/en.ts';

/** The preferences dialog, opened and closed through the store. */
export function PreferencesDialog({ store, t }: { store: UiStore; t: Strings }) {
  const state = store.state.value;
  const announcement = store.announcement.value;
  return (
    <dialog ref={store.dialogRef} class="dialog" aria-labelledby="cordon-title" onClose={store.closed}>
      <div class="head">
        <h2 id="cordon-title" class="title">{t.link}</h2>
        <button type="button" class="plain close" aria-label={t.close} onClick={store.close}>×</button>
      </div>
      {isGpcHonored(state) && <p class="honored-box"><strong>{t.honored}</strong> {t.honoredHint}</p>}
      <p class="muted">{t.intro}</p>
      <ChoiceSwitch id="cordon-sale-share" label={t.saleShare} hint={t.saleShareHint} checked={state.saleOptOut && state.sharingOptOut}
        onToggle={(on) => store.choose({ saleOptOut: on, sharingOptOut: on })} />
      <ChoiceSwitch id="cordon-limit" label={t.limit} hint={t.limitHint} checked={state.limitSensitive}
        onToggle={(on) => store.choose({ limitSensitive: on })} />
      <p class="status" role="status">{announcement && t[announcement]}</p>
      <div class="actions">
        <button type="button" class="button" onClick={store.close}>{t.done}</button>
      </div>
    </dialog>
  );
}
