import type { Category } from '../../shared/datamap.ts';
import { ResultFacts } from '../../shared/requests.ts';
import type { UiLanguage } from '../../shared/ui-languages.ts';
import { statusStrings } from './status-page/strings.ts';

type Facts<K extends ResultFacts['kind']> = Extract<ResultFacts, { kind: K }>;

/** The sentences of a result Cordon reached itself, in one language. */
interface ResultStrings {
  know: (facts: Facts<'know'>, categories: string) => string;
  nothingToDelete: string;
  removed: (tables: string) => string;
  kept: (kept: Facts<'delete'>['kept'][number]) => string;
  toldToDelete: (n: number) => string;
  choicesKept: string;
  nothingToCorrect: string;
  corrected: (fields: string, tables: number, told: number) => string;
  fields: Record<Facts<'correct'>['fields'][number], string>;
  preferences: string;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const tableName = (table: string) => table.replace(/_/g, ' ');

const en: ResultStrings = {
  know: (facts, categories) => (facts.rows === 0
    ? 'We searched every data store we keep and found no personal information about you beyond your privacy preferences.'
    : `We found ${count(facts.rows, 'record', 'records')} about you in ${count(facts.tables, 'table', 'tables')} (${categories}).`
      + `${facts.download ? ' The full copy is in the download.' : ''}`),
  nothingToDelete: 'We found no personal information about you to delete.',
  removed: (tables) => `We deleted or de-identified your information in ${tables}.`,
  kept: (kept) => `We keep ${kept.rows} ${tableName(kept.table)} record${kept.rows === 1 ? '' : 's'} for ${kept.basis} until ${kept.until}`
    + `${kept.deidentified ? ', with the fields that identify you removed' : ''}, as the law requires.`,
  toldToDelete: (n) => `We told ${count(n, 'service provider', 'service providers')} to delete it too.`,
  choicesKept: 'Your opt-out choices are kept so that they keep being honoured.',
  nothingToCorrect: 'We found none of the information you asked us to correct in our records.',
  // §7023: what was corrected is named, never the values.
  corrected: (fields, tables, told) => `We corrected ${fields} wherever we hold it (${count(tables, 'table', 'tables')}).`
    + `${told > 0 ? ` We told ${count(told, 'service provider', 'service providers')} to correct it too.` : ''}`,
  fields: { name: 'name', phone: 'phone number', address: 'address', postalCode: 'ZIP code', birthDate: 'date of birth', email: 'email address' },
  preferences: 'We applied it to the records of your privacy choices as soon as we received it.',
};

// Our Spanish wording, not a translation counsel has approved [U]: have counsel check it.
const es: ResultStrings = {
  know: (facts, categories) => (facts.rows === 0
    ? 'Buscamos en todos los almacenes de datos que tenemos y no encontramos información personal sobre usted aparte de sus preferencias de privacidad.'
    : `Encontramos ${count(facts.rows, 'registro', 'registros')} sobre usted en ${count(facts.tables, 'tabla', 'tablas')} (${categories}).`
      + `${facts.download ? ' La copia completa está en la descarga.' : ''}`),
  nothingToDelete: 'No encontramos información personal sobre usted que eliminar.',
  removed: (tables) => `Eliminamos o desidentificamos su información en ${tables}.`,
  kept: (kept) => `Conservamos ${count(kept.rows, 'registro', 'registros')} de ${tableName(kept.table)} hasta el ${kept.until}`
    + `${kept.deidentified ? ', sin los datos que permiten identificarle' : ''}, como exige la ley: ${kept.basis}.`,
  toldToDelete: (n) => `Pedimos a ${count(n, 'proveedor de servicios', 'proveedores de servicios')} que también la ${n === 1 ? 'elimine' : 'eliminen'}.`,
  choicesKept: 'Conservamos sus opciones de exclusión para que se sigan respetando.',
  nothingToCorrect: 'No encontramos en nuestros registros ninguno de los datos que nos pidió corregir.',
  corrected: (fields, tables, told) => `Corregimos ${fields} en todos nuestros registros (${count(tables, 'tabla', 'tablas')}).`
    + `${told > 0 ? ` Pedimos a ${count(told, 'proveedor de servicios', 'proveedores de servicios')} que también ${told === 1 ? 'haga' : 'hagan'} la corrección.` : ''}`,
  fields: { name: 'el nombre', phone: 'el teléfono', address: 'la dirección', postalCode: 'el código postal', birthDate: 'la fecha de nacimiento', email: 'el correo electrónico' },
  preferences: 'La aplicamos a los registros de sus opciones de privacidad en cuanto la recibimos.',
};

const resultStrings: Record<UiLanguage, ResultStrings> = { en, es };

/** A category as a sentence names it: the status page's name without its examples, in lower case. */
function categoryInSentence(category: Category, lang: UiLanguage): string {
  const name = statusStrings[lang].categories[category].replace(/ \(.*\)$/, '');
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** What Cordon did, as a sentence in `lang`. */
export function describeResult(facts: ResultFacts, lang: UiLanguage): string {
  const t = resultStrings[lang];
  switch (facts.kind) {
    case 'know': return t.know(facts, facts.categories.map((category) => categoryInSentence(category, lang)).join('; '));
    case 'delete': return [
      facts.removed.length === 0 ? t.nothingToDelete : t.removed(facts.removed.map(tableName).join(', ')),
      ...facts.kept.map(t.kept),
      facts.told > 0 ? t.toldToDelete(facts.told) : '',
      t.choicesKept,
    ].filter(Boolean).join(' ');
    case 'correct': return facts.tables === 0 ? t.nothingToCorrect : t.corrected(facts.fields.map((field) => t.fields[field]).join(', '), facts.tables, facts.told);
    case 'preferences': return t.preferences;
  }
}

/**
 * The result as the consumer reads it in `lang`: Cordon's own facts written in that language, or what staff
 * wrote, as they wrote it (as do requests closed before facts were kept).
 */
export function resultText(summary: string, facts: unknown, lang: UiLanguage): string {
  const parsed = ResultFacts.safeParse(facts);
  return parsed.success ? describeResult(parsed.data, lang) : summary;
}
