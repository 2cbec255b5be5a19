import { isValidPhoneNumber } from 'libphonenumber-js';
import { hasWord, isTextType, type Detector } from './detector.ts';

/** Only what is written like a phone number: digits with the usual separators, 7 to 15 digits (E.164's most). */
const phoneLike = /^\+?[\d\s().-]{7,22}$/;
const digitCount = (value: string) => value.replace(/\D/g, '').length;

/** Numbers without a country code are read as US numbers: Cordon's consumers are Californians. */
function isPhone(value: string): boolean {
  const trimmed = value.trim();
  if (!phoneLike.test(trimmed)) return false;
  const digits = digitCount(trimmed);
  return digits >= 7 && digits <= 15 && isValidPhoneNumber(trimmed, 'US');
}

export const phone: Detector = {
  kind: 'phone',
  category: 'identifiers',
  matchesName: (name, type) => isTextType(type) && hasWord(name, ['phone', 'mobile', 'cell', 'telephone', 'tel', 'msisdn']),
  matchesValue: isPhone,
  valuesNeedText: true,
  inText: /\+?\(?\d[\d\s().-]{6,20}\d/g,
};
