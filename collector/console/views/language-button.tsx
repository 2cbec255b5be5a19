import { h } from 'preact';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';

/** Names the other language in that language, so a person who reads only it finds it. */
export function LanguageButton({ app, t }: { app: ConsoleApp; t: Strings }) {
  const other = app.language.lang.value === 'en' ? 'es' : 'en';
  return <button type="button" class="button secondary" lang={other} aria-label={t.otherLanguageLabel} onClick={app.language.toggle}>{t.otherLanguage}</button>;
}
