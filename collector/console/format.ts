import { legalTimeZone } from '../../shared/legal-time-zone.ts';
import type { UiLanguage } from '../../shared/ui-languages.ts';

export const locales: Record<UiLanguage, string> = { en: 'en-US', es: 'es-US' };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: UiLanguage, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) formats.set(key, (made = new Intl.DateTimeFormat(locales[lang], { ...options, timeZone })));
  return made;
}

/** A deadline's day where the law counts it (its last instant falls late on that day there, not in the viewer's zone). */
export function legalDay(lang: UiLanguage, instant: string, timeZone: string): string {
  return format(lang, timeZone, { dateStyle: 'medium' }).format(new Date(instant));
}

/** The year it is now in California, whose years the §7102 report counts, wherever the viewer is. */
export function legalYear(): number {
  return Number(format('en', legalTimeZone, { year: 'numeric' }).format(new Date()));
}

/** When something happened, in the viewer's own zone. */
export function moment(lang: UiLanguage, instant: string): string {
  return format(lang, undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

export function percent(lang: UiLanguage, share: number): string {
  return new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** The first characters of an id, as staff read it in a list; the whole id is in the link. */
export const shortId = (id: string) => id.slice(0, 8);
