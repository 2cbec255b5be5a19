import { isGpcHonored } from '../core/policy.ts';
import { h } from 'preact';
import { OptOutIcon } from './opt-out-icon.tsx';
import type { UiStore } from './store.ts';
import type { Strings } from './strings/en.ts';

/** "Your Privacy Choices" with the opt-out icon, and beside it the §7025(c)(6) status when GPC was honoured. */
export function ChoicesLink({ store, t }: { store: UiStore; t: Strings }) {
  return (
    <span class="choices">
      <button type="button" class="plain link" aria-haspopup="dialog" onClick={(event) => store.open(event.currentTarget)}>
        <OptOutIcon />
        {t.link}
      </button>
      {isGpcHonored(store.state.value) && <span class="honored">{t.honored}</span>}
    </span>
  );
}
