import type { Site } from '../../shared/config.ts';
import type { Contact } from '../../shared/requests.ts';
import type { RequestRow } from './transitions.ts';
import { seal, unseal } from './secrets.ts';

/**
 * The consumer's address, name, details, agent and data points, sealed into one column while the request is open:
 * staff need them to act, and the closing transition wipes them. Only the address hash stays for the record.
 */
export function sealContact(site: Site, requestId: string, contact: Contact): string {
  return seal(site, requestId, JSON.stringify(contact));
}

export function openContact(site: Site, row: Pick<RequestRow, 'id' | 'contact'>): Contact | undefined {
  return row.contact ? (JSON.parse(unseal(site, row.id, row.contact)) as Contact) : undefined;
}
