import type { Category, SensitiveKind } from '../../../shared/datamap.ts';
import type { DenialBasis, RequestStatus, RequestType, StaffWait } from '../../../shared/requests.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { categoryNames, sensitiveNames } from '../../datamap/notice-html.ts';
import type { VerifyRefusalReason } from '../verification.ts';
import type { FormProblem } from './form.ts';

/** What the page can say went wrong with its form: a refusal of the verify route, or a form filled in wrongly. */
export type PageError = VerifyRefusalReason | FormProblem;

/** Everything the consumer's status page says, in each language the script's UI speaks. */
export interface StatusStrings {
  title: string;
  request: string;
  received: string;
  status: string;
  respondBy: string;
  extended: (reason: string) => string;
  respondedOn: string;
  types: Record<RequestType, string>;
  statuses: Record<RequestStatus, string>;
  needed: string;
  neededCode: string;
  code: string;
  detailsLead: string;
  points: Record<'name' | 'phone' | 'postalCode' | 'address' | 'birthDate', string>;
  declaration: string;
  signedName: string;
  verify: string;
  resend: string;
  waitingForPerson: (why: string) => string;
  /** Why a person must act, to end `waitingForPerson` with; the English is also what the verify route answers. */
  staffWaits: Record<StaffWait, string>;
  inProgress: string;
  result: string;
  denied: string;
  basis: string;
  denialBases: Record<DenialBasis, string>;
  categoriesHeld: string;
  categories: Record<Category, string>;
  sensitiveKinds: Record<SensitiveKind, string>;
  sourcesPurposes: (sources: string, purposes: string) => string;
  sensitive: (kinds: string) => string;
  tables: string;
  rowsFound: (rows: number) => string;
  withheld: (kinds: string) => string;
  truncated: string;
  cordonData: string;
  preferenceRecords: (n: number) => string;
  recipients: string;
  download: string;
  window: (from: string, to: string) => string;
  error: string;
  /** Each to follow `error`, as the page's alert. */
  errors: Record<PageError, string>;
  timeZoneNote: (zone: string) => string;
  otherLanguage: { label: string; lang: UiLanguage };
}

const en: StatusStrings = {
  title: 'Your privacy request',
  request: 'Request',
  received: 'Received',
  status: 'Status',
  respondBy: 'We will respond by',
  extended: (reason) => `We extended the deadline: ${reason}`,
  respondedOn: 'Answered on',
  types: {
    'know-categories': 'Know the categories of personal information we hold about you',
    'know-specific': 'Know the specific pieces of personal information we hold about you',
    delete: 'Delete your personal information',
    correct: 'Correct your personal information',
    'opt-out': 'Opt out of the sale and sharing of your personal information',
    limit: 'Limit the use of your sensitive personal information',
    access: 'Access your personal data (GDPR Art. 15)',
    rectification: 'Rectify your personal data (GDPR Art. 16)',
    erasure: 'Erase your personal data (GDPR Art. 17)',
    restriction: 'Restrict the processing of your personal data (GDPR Art. 18)',
    portability: 'Receive your personal data in a portable format (GDPR Art. 20)',
    objection: 'Object to the processing of your personal data (GDPR Art. 21)',
  },
  statuses: {
    received: 'Received: a person is deciding which privacy law applies',
    verifying: 'Waiting for you to confirm it is you',
    in_progress: 'Confirmed: we are carrying it out',
    completed: 'Done',
    denied: 'We could not act on it',
  },
  needed: 'What we still need from you',
  neededCode: 'Enter the six-digit code we mailed you. You may add details below: each one that matches what we hold confirms it is you.',
  code: 'The six-digit code from the mail',
  detailsLead: 'Details that help us confirm it is you (optional)',
  points: { name: 'Full name', phone: 'Phone number', postalCode: 'ZIP code', address: 'Street address', birthDate: 'Date of birth (YYYY-MM-DD)' },
  declaration: 'I declare under penalty of perjury under the laws of the State of California that I am the consumer whose personal information is the subject of this request.',
  signedName: 'Your name, as your signature',
  verify: 'Confirm',
  resend: 'Send me a new code',
  waitingForPerson: (why) => `Nothing more is needed from you now: ${why}.`,
  staffWaits: {
    review: 'a person decides which law applies',
    'agent-permission': "a person checks the agent's signed permission",
    'details-unmatched': 'a person matches the details you gave against what we hold',
  },
  inProgress: 'Nothing more is needed from you. This page shows the result once it is done.',
  result: 'The result',
  denied: 'Why we could not act on it',
  basis: 'Basis',
  denialBases: {
    unverifiable: 'We could not verify your identity',
    exempt: 'An exemption in the law applies',
    'no-personal-information': 'We hold no personal information about you',
    'manifestly-unfounded': 'The request is manifestly unfounded or excessive',
    'agent-not-authorized': 'The agent has not shown that you authorized them to act for you',
    other: 'Another reason, explained below',
  },
  categoriesHeld: 'The categories of personal information we hold about you',
  categories: categoryNames,
  sensitiveKinds: sensitiveNames,
  sourcesPurposes: (sources, purposes) => `From: ${sources}. Used for: ${purposes}.`,
  sensitive: (kinds) => `Sensitive: ${kinds}.`,
  tables: 'Where it is held',
  rowsFound: (rows) => `${rows} record${rows === 1 ? '' : 's'}`,
  withheld: (kinds) => `We hold but, by law, never send: ${kinds}.`,
  truncated: 'Only the first records are shown here; the download holds all of them.',
  cordonData: 'What our privacy system itself holds about you',
  preferenceRecords: (n) => `${n} record${n === 1 ? '' : 's'} of your privacy choices`,
  recipients: 'Who receives personal information from us',
  download: 'Download everything (JSON and CSV, zipped)',
  window: (from, to) => `Records from ${from} to ${to}.`,
  error: 'That did not work',
  errors: {
    'not-verifying': 'there is nothing left to confirm on this request',
    'resend-too-soon': 'a new code can be sent only some time after the last one, and only a few times in all',
    'account-not-valid': 'your sign-in could not be confirmed; sign in again',
    'account-not-this': 'the account you are signed in with is not the one this request was made for',
    'declaration-needed': 'a request for specific pieces of information needs the signed declaration',
    'too-many-attempts': 'too many wrong codes; ask for a new code below',
    'code-expired': 'this code has expired or was already used; ask for a new code below',
    'code-wrong': 'this code is not right',
    'code-format': 'the code is the six digits from the mail',
    'signature-needed': 'sign the declaration with your name',
    'details-invalid': 'one of the details you gave is empty or too long',
  },
  timeZoneNote: (zone) => `Dates are in ${zone} time, as in our mail.`,
  otherLanguage: { label: 'Ver en español', lang: 'es' },
};

const es: StatusStrings = {
  title: 'Su solicitud de privacidad',
  request: 'Solicitud',
  received: 'Recibida',
  status: 'Estado',
  respondBy: 'Responderemos a más tardar el',
  extended: (reason) => `Ampliamos el plazo: ${reason}`,
  respondedOn: 'Respondida el',
  types: {
    'know-categories': 'Conocer las categorías de información personal que tenemos sobre usted',
    'know-specific': 'Conocer los datos concretos de información personal que tenemos sobre usted',
    delete: 'Eliminar su información personal',
    correct: 'Corregir su información personal',
    'opt-out': 'No permitir la venta ni el intercambio de su información personal',
    limit: 'Limitar el uso de su información personal confidencial',
    access: 'Acceder a sus datos personales (RGPD art. 15)',
    rectification: 'Rectificar sus datos personales (RGPD art. 16)',
    erasure: 'Suprimir sus datos personales (RGPD art. 17)',
    restriction: 'Limitar el tratamiento de sus datos personales (RGPD art. 18)',
    portability: 'Recibir sus datos personales en un formato portátil (RGPD art. 20)',
    objection: 'Oponerse al tratamiento de sus datos personales (RGPD art. 21)',
  },
  statuses: {
    received: 'Recibida: una persona está decidiendo qué ley de privacidad se aplica',
    verifying: 'Esperando a que confirme que es usted',
    in_progress: 'Confirmada: la estamos atendiendo',
    completed: 'Completada',
    denied: 'No pudimos atenderla',
  },
  needed: 'Lo que todavía necesitamos de usted',
  neededCode: 'Escriba el código de seis dígitos que le enviamos por correo. Puede añadir datos abajo: cada uno que coincida con lo que tenemos confirma que es usted.',
  code: 'El código de seis dígitos del correo',
  detailsLead: 'Datos que nos ayudan a confirmar que es usted (opcional)',
  points: { name: 'Nombre completo', phone: 'Teléfono', postalCode: 'Código postal', address: 'Dirección', birthDate: 'Fecha de nacimiento (AAAA-MM-DD)' },
  declaration: 'Declaro bajo pena de perjurio según las leyes del Estado de California que soy el consumidor cuya información personal es objeto de esta solicitud.',
  signedName: 'Su nombre, como firma',
  verify: 'Confirmar',
  resend: 'Enviarme un código nuevo',
  waitingForPerson: (why) => `Por ahora no necesitamos nada más de usted: ${why}.`,
  // Our Spanish wording of why a person must act and of the bases of a denial, not a translation counsel has
  // approved [U]: have counsel check it.
  staffWaits: {
    review: 'una persona decide qué ley de privacidad se aplica',
    'agent-permission': 'una persona comprueba el permiso firmado de su agente',
    'details-unmatched': 'una persona compara los datos que nos dio con los que tenemos',
  },
  inProgress: 'No necesitamos nada más de usted. Esta página mostrará el resultado cuando esté listo.',
  result: 'El resultado',
  denied: 'Por qué no pudimos atenderla',
  basis: 'Fundamento',
  denialBases: {
    unverifiable: 'No pudimos verificar su identidad',
    exempt: 'Se aplica una excepción prevista en la ley',
    'no-personal-information': 'No tenemos información personal sobre usted',
    'manifestly-unfounded': 'La solicitud es manifiestamente infundada o excesiva',
    'agent-not-authorized': 'El agente no ha demostrado que usted le autorizó a actuar en su nombre',
    other: 'Otro motivo, que explicamos a continuación',
  },
  categoriesHeld: 'Las categorías de información personal que tenemos sobre usted',
  // Our wording of §1798.140(v)(1) and (ae), not the state's translation [U]: have counsel check it.
  categories: {
    'identifiers': 'Identificadores (nombre, correo electrónico, teléfono, cuenta, dirección IP y similares)',
    'customer-records': 'Registros de clientes (Código Civil de California, §1798.80(e))',
    'protected-classifications': 'Características de clasificaciones protegidas',
    'commercial': 'Información comercial (compras y otras transacciones)',
    'biometric': 'Información biométrica',
    'internet-activity': 'Actividad en internet u otra red electrónica',
    'geolocation': 'Datos de geolocalización',
    'sensory': 'Información sonora, electrónica, visual o similar',
    'professional': 'Información profesional o relacionada con el empleo',
    'education': 'Información sobre educación',
    'inferences': 'Inferencias extraídas para crear un perfil',
  },
  sensitiveKinds: {
    'government-id': 'Números de Seguro Social, licencia de conducir, identificación estatal o pasaporte',
    'account-login': 'Inicio de sesión de una cuenta con contraseña o respuestas de seguridad',
    'financial-account': 'Números de cuenta financiera o de tarjeta de débito o crédito con sus códigos de acceso',
    'precise-geolocation': 'Geolocalización precisa',
    'racial-ethnic-origin': 'Origen racial o étnico',
    'religious-beliefs': 'Creencias religiosas o filosóficas',
    'union-membership': 'Afiliación sindical',
    'communications-contents': 'Contenido de correo postal, correo electrónico y mensajes de texto',
    'genetic': 'Datos genéticos',
    'neural': 'Datos neuronales (la actividad del sistema nervioso, medida)',
    'biometric': 'Información biométrica para identificar a un consumidor',
    'health': 'Información sobre la salud',
    'sex-life': 'Vida sexual u orientación sexual',
  },
  sourcesPurposes: (sources, purposes) => `Origen: ${sources}. Uso: ${purposes}.`,
  sensitive: (kinds) => `Confidencial: ${kinds}.`,
  tables: 'Dónde se guarda',
  rowsFound: (rows) => `${rows} registro${rows === 1 ? '' : 's'}`,
  withheld: (kinds) => `Tenemos, pero por ley nunca enviamos: ${kinds}.`,
  truncated: 'Aquí solo se muestran los primeros registros; la descarga los contiene todos.',
  cordonData: 'Lo que nuestro sistema de privacidad guarda sobre usted',
  preferenceRecords: (n) => `${n} registro${n === 1 ? '' : 's'} de sus opciones de privacidad`,
  recipients: 'Quién recibe información personal de nosotros',
  download: 'Descargar todo (JSON y CSV, comprimido)',
  window: (from, to) => `Registros del ${from} al ${to}.`,
  error: 'No funcionó',
  // Our Spanish wording [U]: have counsel check it.
  errors: {
    'not-verifying': 'ya no queda nada que confirmar en esta solicitud',
    'resend-too-soon': 'solo se puede enviar un código nuevo un tiempo después del anterior, y solo unas pocas veces en total',
    'account-not-valid': 'no pudimos confirmar su inicio de sesión; vuelva a iniciar sesión',
    'account-not-this': 'la cuenta con la que inició sesión no es aquella para la que se hizo esta solicitud',
    'declaration-needed': 'una solicitud de datos concretos necesita la declaración firmada',
    'too-many-attempts': 'demasiados códigos incorrectos; pida un código nuevo abajo',
    'code-expired': 'este código caducó o ya se usó; pida un código nuevo abajo',
    'code-wrong': 'este código no es correcto',
    'code-format': 'el código son los seis dígitos del correo',
    'signature-needed': 'firme la declaración con su nombre',
    'details-invalid': 'uno de los datos que nos dio está vacío o es demasiado largo',
  },
  timeZoneNote: (zone) => `Las fechas están en la hora de ${zone}, como en nuestro correo.`,
  otherLanguage: { label: 'View in English', lang: 'en' },
};

export const statusStrings: Record<UiLanguage, StatusStrings> = { en, es };
