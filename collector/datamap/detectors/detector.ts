import type { Category, SensitiveKind } from '../../../shared/datamap.ts';

/** One kind of personal information discovery looks for, by a column's name and type and by its values. */
export interface Detector {
  kind: string;
  category: Category;
  sensitive?: SensitiveKind;
  /** True when the column's name (and type) alone says it holds this kind. */
  matchesName(name: string, type: string): boolean;
  /** True when one whole value is of this kind; undefined for kinds only a name or a pair of columns reveals. */
  matchesValue?(value: string): boolean;
  /** Candidates of this kind inside free text, each to be checked with matchesValue. */
  inText?: RegExp;
  /** Values only confirm what the name says: alone they are too common to tell (any old date, any fine number). */
  valuesNeedName?: boolean;
  /** Values count only in a text column: in a number column they are ids and amounts, whatever they look like. */
  valuesNeedText?: boolean;
}

/** The words of a column name: `customer_email` → customer, email; `customerEmail` → customer, email. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export function hasWord(name: string, words: readonly string[]): boolean {
  return nameWords(name).some((word) => words.includes(word));
}

export const isTextType = (type: string) => /char|text|json|citext/.test(type);
export const isNumericType = (type: string) => /numeric|double|real|decimal/.test(type);
export const isDateType = (type: string) => /^date$|timestamp/.test(type);
