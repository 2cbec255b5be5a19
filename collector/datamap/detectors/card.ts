import { hasWord, type Detector } from './detector.ts';

/** Issuer prefixes and the lengths each issues: Visa, Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners, UnionPay. */
const issuers: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^(6011|65|64[4-9]|622)/, lengths: [16, 19] },
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 19] },
  { prefix: /^3(0[0-5]|[689])/, lengths: [14, 16] },
  { prefix: /^62/, lengths: [16, 17, 18, 19] },
];

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card number as printed: digits, optionally in groups split by spaces or dashes. */
export function isCardNumber(value: string): boolean {
  const trimmed = value.trim();
  if (!/^\d[\d -]{11,22}\d$/.test(trimmed)) return false;
  const digits = trimmed.replace(/[ -]/g, '');
  return issuers.some(({ prefix, lengths }) => prefix.test(digits) && lengths.includes(digits.length)) && passesLuhn(digits);
}

export const card: Detector = {
  kind: 'card',
  category: 'customer-records',
  sensitive: 'financial-account',
  matchesName: (name) => hasWord(name, ['pan', 'cc', 'ccn']) || /card_?(number|num|no)|credit_?card/.test(name.toLowerCase()),
  matchesValue: isCardNumber,
  inText: /\b\d(?:[ -]?\d){12,18}\b/g,
};
