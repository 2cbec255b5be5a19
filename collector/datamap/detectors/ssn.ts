import { hasWord, type Detector } from './detector.ts';

const written = /^(\d{3})-(\d{2})-(\d{4})$/;

/** The SSA's rules: no area 000, 666 or 900-999, no group 00, no serial 0000. */
export function isSsn(value: string): boolean {
  const parts = written.exec(value.trim());
  if (!parts) return false;
  const [, area, group, serial] = parts as unknown as [string, string, string, string];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

export const ssn: Detector = {
  kind: 'ssn',
  category: 'identifiers',
  sensitive: 'government-id',
  matchesName: (name) => hasWord(name, ['ssn', 'ssns', 'social_security']) || /social_?security/.test(name.toLowerCase()),
  matchesValue: isSsn,
  inText: /\b\d{3}-\d{2}-\d{4}\b/g,
};
