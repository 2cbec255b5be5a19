import type { RequestType } from '../../shared/requests.ts';
import { localDate } from '../calendar/business-days.ts';

export interface Message { template: string; subject: string; text: string }

const nature: Record<RequestType, string> = {
  'know-categories': 'know the categories of personal information we hold about you',
  'know-specific': 'know the specific pieces of personal information we hold about you',
  delete: 'delete your personal information',
  correct: 'correct your personal information',
  'opt-out': 'opt out of the sale and sharing of your personal information',
  limit: 'limit the use of your sensitive personal information',
  access: 'access your personal data (GDPR Art. 15)',
  rectification: 'rectify your personal data (GDPR Art. 16)',
  erasure: 'erase your personal data (GDPR Art. 17)',
  restriction: 'restrict the processing of your personal data (GDPR Art. 18)',
  portability: 'receive your personal data in a portable format (GDPR Art. 20)',
  objection: 'object to the processing of your personal data (GDPR Art. 21)',
};

export function describeType(type: RequestType): string {
  return nature[type];
}

interface About { type: RequestType; receivedAt: Date; dueAt: Date; statusUrl: string; timeZone: string }

const day = (instant: Date, timeZone: string) => localDate(instant, timeZone);
const footer = (about: About) => `\n\nFollow your request at ${about.statusUrl}\n`;

/**
 * §7021(a): the confirmation of receipt says how the request will be verified and when to expect an answer; it
 * carries the code, so it is also the verification mail.
 */
export function acknowledgement(about: About, verification: { code: string; ttlMinutes: number; agentName?: string }): Message {
  const agentLine = verification.agentName
    ? `${verification.agentName} says they are your authorized agent and made this request for you. Enter the code only if you gave them permission.\n\n`
    : '';
  return {
    template: 'acknowledgement',
    subject: 'Confirm your privacy request',
    text: `We received a request on ${day(about.receivedAt, about.timeZone)} to ${describeType(about.type)}.\n\n${agentLine}`
      + `To confirm it is you, enter this code: ${verification.code}\nIt works for ${verification.ttlMinutes} minutes. `
      + 'We may also ask you for details we already hold about you, to match them.\n\n'
      + `We will respond by ${day(about.dueAt, about.timeZone)}.${footer(about)}`,
  };
}

export function newCode(about: About, code: string, ttlMinutes: number): Message {
  return {
    template: 'code',
    subject: 'Your new confirmation code',
    text: `Your new code is ${code}. It works for ${ttlMinutes} minutes; earlier codes no longer work.${footer(about)}`,
  };
}

export function underReview(about: About): Message {
  return {
    template: 'review',
    subject: 'We received your privacy request',
    text: `We received a request on ${day(about.receivedAt, about.timeZone)} to ${describeType(about.type)}. A person will `
      + `check which privacy law applies and then write to you about confirming your identity. We will respond by ${day(about.dueAt, about.timeZone)}.${footer(about)}`,
  };
}

/** From 2026 a consumer can confirm that an opt-out was processed [S]. */
export function optOutApplied(about: About): Message {
  return {
    template: 'opt-out-applied',
    subject: 'Your opt-out is in effect',
    text: `Your request to ${describeType(about.type)} took effect on ${day(about.receivedAt, about.timeZone)}. `
      + `We are telling the parties we shared your information with to stop too.${footer(about)}`,
  };
}

export function extension(about: About, reason: string): Message {
  return {
    template: 'extension',
    subject: 'We need more time for your privacy request',
    text: `We need more time to answer your request to ${describeType(about.type)}, because: ${reason}\n\n`
      + `We will respond by ${day(about.dueAt, about.timeZone)}.${footer(about)}`,
  };
}

export function completed(about: About, outcome: string, summary: string): Message {
  return {
    template: 'completed',
    subject: 'Your privacy request is complete',
    text: `We ${outcome === 'complied' ? 'did what you asked' : 'did part of what you asked'}: ${describeType(about.type)}.\n\n${summary}${footer(about)}`,
  };
}

export function denied(about: About, explanation: string, gdpr: boolean): Message {
  // Art 12(4): a refusal gives reasons and the right to complain to a supervisory authority and seek a remedy.
  const rights = gdpr ? '\n\nYou may complain to a data protection supervisory authority and seek a judicial remedy.' : '';
  return {
    template: 'denied',
    subject: 'We could not act on your privacy request',
    text: `We could not act on your request to ${describeType(about.type)}.\n\n${explanation}${rights}${footer(about)}`,
  };
}
