import type { RequestType } from '../../shared/requests.ts';
import type { UiLanguage } from '../../shared/ui-languages.ts';
import { localDate } from '../calendar/business-days.ts';
import { statusStrings } from './status-page/strings.ts';

export interface Message { template: string; subject: string; text: string }

/** What the consumer asked for, to end a sentence with: the status page's name of the type, in the same language. */
export function describeType(type: RequestType, lang: UiLanguage): string {
  const name = statusStrings[lang].types[type];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

interface About { type: RequestType; receivedAt: Date; dueAt: Date; statusUrl: string; timeZone: string; lang: UiLanguage }

/** What every mail says of its request, written out in the request's language. */
interface Said { received: string; due: string; nature: string }
type Written = Omit<Message, 'template'>;

/** Every mail to the consumer, in one language; staff's reasons and explanations are put in as they wrote them. */
interface MailStrings {
  follow: (statusUrl: string) => string;
  acknowledgement: (said: Said, verification: { code: string; ttlMinutes: number; agentName?: string }) => Written;
  newCode: (code: string, ttlMinutes: number) => Written;
  underReview: (said: Said) => Written;
  optOutApplied: (said: Said) => Written;
  extension: (said: Said, reason: string) => Written;
  completed: (said: Said, inFull: boolean, summary: string) => Written;
  denied: (said: Said, explanation: string, gdpr: boolean) => Written;
}

const en: MailStrings = {
  follow: (statusUrl) => `\n\nFollow your request at ${statusUrl}\n`,
  /**
   * §7021(a): the confirmation of receipt says how the request will be verified and when to expect an answer; it
   * carries the code, so it is also the verification mail.
   */
  acknowledgement: (said, verification) => ({
    subject: 'Confirm your privacy request',
    text: `We received a request on ${said.received} to ${said.nature}.\n\n`
      + `${verification.agentName ? `${verification.agentName} says they are your authorized agent and made this request for you. Enter the code only if you gave them permission.\n\n` : ''}`
      + `To confirm it is you, enter this code: ${verification.code}\nIt works for ${verification.ttlMinutes} minutes. `
      + 'We may also ask you for details we already hold about you, to match them.\n\n'
      + `We will respond by ${said.due}.`,
  }),
  newCode: (code, ttlMinutes) => ({
    subject: 'Your new confirmation code',
    text: `Your new code is ${code}. It works for ${ttlMinutes} minutes; earlier codes no longer work.`,
  }),
  underReview: (said) => ({
    subject: 'We received your privacy request',
    text: `We received a request on ${said.received} to ${said.nature}. A person will `
      + `check which privacy law applies and then write to you about confirming your identity. We will respond by ${said.due}.`,
  }),
  optOutApplied: (said) => ({
    subject: 'Your opt-out is in effect',
    text: `Your request to ${said.nature} took effect on ${said.received}. We are telling the parties we shared your information with to stop too.`,
  }),
  extension: (said, reason) => ({
    subject: 'We need more time for your privacy request',
    text: `We need more time to answer your request to ${said.nature}, because: ${reason}\n\nWe will respond by ${said.due}.`,
  }),
  completed: (said, inFull, summary) => ({
    subject: 'Your privacy request is complete',
    text: `We ${inFull ? 'did what you asked' : 'did part of what you asked'}: ${said.nature}.\n\n${summary}`,
  }),
  // Art 12(4): a refusal gives reasons and the right to complain to a supervisory authority and seek a remedy.
  denied: (said, explanation, gdpr) => ({
    subject: 'We could not act on your privacy request',
    text: `We could not act on your request to ${said.nature}.\n\n${explanation}`
      + `${gdpr ? '\n\nYou may complain to a data protection supervisory authority and seek a judicial remedy.' : ''}`,
  }),
};

// Our Spanish wording of the §7021 confirmation, the extension and the refusal, not a translation counsel has
// approved [U]: have counsel check it.
const es: MailStrings = {
  follow: (statusUrl) => `\n\nSiga su solicitud en ${statusUrl}\n`,
  acknowledgement: (said, verification) => ({
    subject: 'Confirme su solicitud de privacidad',
    text: `Recibimos el ${said.received} una solicitud para ${said.nature}.\n\n`
      + `${verification.agentName ? `${verification.agentName} dice ser su agente autorizado y haber hecho esta solicitud en su nombre. Escriba el código solo si le dio permiso.\n\n` : ''}`
      + `Para confirmar que es usted, escriba este código: ${verification.code}\nEs válido durante ${verification.ttlMinutes} minutos. `
      + 'También podemos pedirle datos que ya tenemos sobre usted, para compararlos.\n\n'
      + `Responderemos a más tardar el ${said.due}.`,
  }),
  newCode: (code, ttlMinutes) => ({
    subject: 'Su nuevo código de confirmación',
    text: `Su nuevo código es ${code}. Es válido durante ${ttlMinutes} minutos; los códigos anteriores ya no sirven.`,
  }),
  underReview: (said) => ({
    subject: 'Recibimos su solicitud de privacidad',
    text: `Recibimos el ${said.received} una solicitud para ${said.nature}. Una persona comprobará qué ley de privacidad `
      + `se aplica y después le escribirá para confirmar su identidad. Responderemos a más tardar el ${said.due}.`,
  }),
  optOutApplied: (said) => ({
    subject: 'Su solicitud de exclusión está en vigor',
    text: `Su solicitud para ${said.nature} entró en vigor el ${said.received}. Estamos pidiendo a quienes recibieron su información de nosotros que también dejen de usarla.`,
  }),
  extension: (said, reason) => ({
    subject: 'Necesitamos más tiempo para su solicitud de privacidad',
    text: `Necesitamos más tiempo para responder a su solicitud para ${said.nature}, por este motivo: ${reason}\n\nResponderemos a más tardar el ${said.due}.`,
  }),
  completed: (said, inFull, summary) => ({
    subject: 'Su solicitud de privacidad está completada',
    text: `${inFull ? 'Hicimos lo que nos pidió' : 'Hicimos parte de lo que nos pidió'}: ${said.nature}.\n\n${summary}`,
  }),
  denied: (said, explanation, gdpr) => ({
    subject: 'No pudimos atender su solicitud de privacidad',
    text: `No pudimos atender su solicitud para ${said.nature}.\n\n${explanation}`
      + `${gdpr ? '\n\nPuede presentar una reclamación ante una autoridad de control de protección de datos y ejercer su derecho a la tutela judicial efectiva.' : ''}`,
  }),
};

const mailStrings: Record<UiLanguage, MailStrings> = { en, es };

/** A mail in the request's language, its dates where the law counts them, ending with the status link. */
function mail(about: About, template: string, write: (t: MailStrings, said: Said) => Written): Message {
  const t = mailStrings[about.lang];
  const said = {
    received: localDate(about.receivedAt, about.timeZone), due: localDate(about.dueAt, about.timeZone), nature: describeType(about.type, about.lang),
  };
  const written = write(t, said);
  return { template, subject: written.subject, text: written.text + t.follow(about.statusUrl) };
}

export function acknowledgement(about: About, verification: { code: string; ttlMinutes: number; agentName?: string }): Message {
  return mail(about, 'acknowledgement', (t, said) => t.acknowledgement(said, verification));
}

export function newCode(about: About, code: string, ttlMinutes: number): Message {
  return mail(about, 'code', (t) => t.newCode(code, ttlMinutes));
}

export function underReview(about: About): Message {
  return mail(about, 'review', (t, said) => t.underReview(said));
}

/** From 2026 a consumer can confirm that an opt-out was processed [S]. */
export function optOutApplied(about: About): Message {
  return mail(about, 'opt-out-applied', (t, said) => t.optOutApplied(said));
}

export function extension(about: About, reason: string): Message {
  return mail(about, 'extension', (t, said) => t.extension(said, reason));
}

export function completed(about: About, outcome: string, summary: string): Message {
  return mail(about, 'completed', (t, said) => t.completed(said, outcome === 'complied', summary));
}

export function denied(about: About, explanation: string, gdpr: boolean): Message {
  return mail(about, 'denied', (t, said) => t.denied(said, explanation, gdpr));
}
