import { h } from 'preact';
import type { UiStore } from './store.ts';
import type { Strings } from './strings/en.ts';

/**
 * Opt-in regimes only, until the visitor first chooses. Accept and reject are the same kind of button, side by
 * side, so refusing is as easy as agreeing. Not a modal: the page stays usable, and nothing non-essential runs.
 */
export function ConsentBanner({ store, t }: { store: UiStore; t: Strings }) {
  const state = store.state.value;
  if (state.regime !== 'opt-in' || state.source !== 'default') return null;
  const everything = (optOut: boolean) => () => store.choose({ saleOptOut: optOut, sharingOptOut: optOut, limitSensitive: optOut });
  return (
    <section class="banner" aria-labelledby="cordon-banner-title">
      <h2 id="cordon-banner-title" class="title">{t.bannerTitle}</h2>
      <p>{t.bannerText}</p>
      <div class="actions">
        <button type="button" class="button" onClick={everything(true)}>{t.rejectAll}</button>
        <button type="button" class="button" onClick={everything(false)}>{t.acceptAll}</button>
        <button type="button" class="button" onClick={(event) => store.open(event.currentTarget)}>{t.choose}</button>
      </div>
    </section>
  );
}
