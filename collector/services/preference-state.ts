import type { Choices, Source } from '../../shared/choices.ts';
import type { PreferenceRecord } from '../../shared/record.ts';

export interface SubjectState extends Choices {
  gpc: boolean;
  source: Source;
  updatedAt: Date;
}

const choiceKeys = ['saleOptOut', 'sharingOptOut', 'limitSensitive'] as const;

/**
 * Folds one record into a subject's state. An opt-out always applies, even when it arrives late (a browser
 * that was offline); clearing an opt-out applies only when it is newer than the state and came from the person
 * (a GPC record never opts anyone back in).
 */
export function foldRecord(previous: SubjectState | undefined, record: PreferenceRecord): SubjectState {
  const occurredAt = new Date(record.occurredAt);
  if (!previous) return { ...record.choices, gpc: record.gpc, source: record.source, updatedAt: occurredAt };
  const newer = occurredAt >= previous.updatedAt;
  const mayClear = newer && record.source !== 'gpc';
  const next = { ...previous };
  for (const key of choiceKeys) next[key] = record.choices[key] || (mayClear ? false : previous[key]);
  if (newer) {
    next.gpc = record.gpc;
    next.updatedAt = occurredAt;
  }
  if (changedChoices(previous, next).length > 0 || newer) next.source = record.source;
  return next;
}

/** Linking a device to an account: an opt-out on either side applies to both. */
export function mergeStates(a: SubjectState, b: SubjectState): SubjectState {
  const newer = a.updatedAt >= b.updatedAt ? a : b;
  return {
    saleOptOut: a.saleOptOut || b.saleOptOut,
    sharingOptOut: a.sharingOptOut || b.sharingOptOut,
    limitSensitive: a.limitSensitive || b.limitSensitive,
    gpc: a.gpc || b.gpc,
    source: newer.source,
    updatedAt: newer.updatedAt,
  };
}

export function changedChoices(before: Choices, after: Choices): (keyof Choices)[] {
  return choiceKeys.filter((key) => before[key] !== after[key]);
}

/** Which choices went from allowed to opted out: what partners must hear about. */
export function newOptOuts(before: Choices | undefined, after: Choices): (keyof Choices)[] {
  return choiceKeys.filter((key) => after[key] && !(before?.[key] ?? false));
}
