import { hasWord, isDateType, isTextType, type Detector } from './detector.ts';

const yearMs = 365.25 * 24 * 3600 * 1000;

/** A date a living adult or teenager was born on: 13 to 110 years ago. */
function isPlausibleBirthDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return false;
  const age = (Date.now() - Date.parse(value.trim().slice(0, 10))) / yearMs;
  return age >= 13 && age <= 110;
}

export const birthDate: Detector = {
  kind: 'date-of-birth',
  category: 'identifiers',
  matchesName: (name, type) =>
    (isDateType(type) || isTextType(type)) && (hasWord(name, ['dob', 'birthday', 'birthdate', 'born']) || /birth/.test(name.toLowerCase())),
  matchesValue: isPlausibleBirthDate,
  valuesNeedName: true,
};
