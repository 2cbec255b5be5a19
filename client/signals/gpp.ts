import { CmpApi, CmpDisplayStatus, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';
import type { State } from '../../shared/client.ts';

// Loaded only when a tag calls __gpp; the guard's stub has queued those calls and CmpApi replays them.
const sections = { usnat: { id: 7, sensitiveCategories: 16 }, usca: { id: 8, sensitiveCategories: 9 } } as const;
/** GPP's two-bit answers: 1 means notice given or opted out, 2 means not opted out. */
const optOut = (flag: boolean) => (flag ? 1 : 2);

const cordon = window.Cordon;
const configured = cordon.config.gppSections;
// CmpApi answers the stub's queue the moment it is built, before any section has a value; so the queue is held
// back from it and replayed once the sections are encoded.
const page = window as unknown as { __gpp: (...call: unknown[]) => unknown };
const queued = (page.__gpp() as unknown[][] | undefined) ?? [];
page.__gpp = () => [];
const cmp = new CmpApi(0, 1);

function encode(state: State): void {
  for (const name of configured) {
    const { sensitiveCategories } = sections[name];
    const fields: Record<string, unknown> = {
      SaleOptOutNotice: 1, SharingOptOutNotice: 1, SensitiveDataLimitUseNotice: 1,
      SaleOptOut: optOut(state.saleOptOut), SharingOptOut: optOut(state.sharingOptOut),
      SensitiveDataProcessing: Array.from({ length: sensitiveCategories }, () => optOut(state.limitSensitive)),
      MspaCoveredTransaction: 2, Gpc: state.gpc,
      ...(name === 'usnat' ? { SharingNotice: 1, TargetedAdvertisingOptOutNotice: 1, TargetedAdvertisingOptOut: optOut(state.sharingOptOut) } : {}),
    };
    for (const [field, value] of Object.entries(fields)) cmp.setFieldValue(name, field, value);
  }
  cmp.setApplicableSections(configured.map((name) => sections[name].id));
  for (const name of configured) cmp.fireSectionChange(name);
}

cmp.setSupportedAPIs(configured.map((name) => `${sections[name].id}:${name}`));
cmp.setCmpDisplayStatus(CmpDisplayStatus.HIDDEN);
encode(cordon.getState());
cmp.setCmpStatus(CmpStatus.LOADED);
cmp.setSignalStatus(SignalStatus.READY);
for (const call of queued) page.__gpp(...call);
addEventListener('cordon:change', (event) => encode((event as CustomEvent<State>).detail));
