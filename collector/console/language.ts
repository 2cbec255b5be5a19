import { signal } from '@preact/signals-core';
import { uiLanguage, type UiLanguage } from '../../shared/ui-languages.ts';
import { english, type Strings } from './strings/en.ts';
import { spanish } from './strings/es.ts';

const tables: Record<UiLanguage, Strings> = { en: english, es: spanish };
const storageKey = 'cordon-console-language';

/**
 * The console speaks the languages the script's UI does. Both tables are in the one bundle (a few KB) so a person
 * can switch without a reload; the choice is remembered, the browser's preference is the default.
 */
export function createLanguage() {
  const stored = localStorage.getItem(storageKey);
  const lang = signal<UiLanguage>(stored === 'en' || stored === 'es' ? stored : uiLanguage('', navigator.languages));
  return {
    lang,
    strings: () => tables[lang.value],
    toggle() {
      lang.value = lang.value === 'en' ? 'es' : 'en';
      localStorage.setItem(storageKey, lang.value);
    },
  };
}
export type Language = ReturnType<typeof createLanguage>;
