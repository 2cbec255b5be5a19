import { hasWord, isTextType, type Detector } from './detector.ts';

/** The address forms real mail takes: a local part, a dotted domain, a letters-only top-level label. */
const address = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const email: Detector = {
  kind: 'email',
  category: 'identifiers',
  matchesName: (name, type) => isTextType(type) && hasWord(name, ['email', 'e_mail', 'mail']),
  matchesValue: (value) => value.length <= 254 && !value.includes('..') && address.test(value),
  inText: /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,63}/g,
};
