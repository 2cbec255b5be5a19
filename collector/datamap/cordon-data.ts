import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Disclosure } from '../../shared/disclosure.ts';
import type { Db, Tx } from '../db/connect.ts';
import { deviceLinks, emailLinks, preferenceRecords, rightsRequests } from '../db/schema.ts';

/** The consumer's devices: those linked to their accounts, directly or through their address. */
export async function devicesOf(tx: Db | Tx, site: string, accounts: string[], emailHash: string): Promise<string[]> {
  const linked = await tx.select({ accountId: emailLinks.accountId }).from(emailLinks)
    .where(and(eq(emailLinks.site, site), eq(emailLinks.emailHash, emailHash)));
  const all = [...new Set([...accounts, ...linked.map((row) => row.accountId)])];
  if (all.length === 0) return [];
  const rows = await tx.select({ deviceId: deviceLinks.deviceId }).from(deviceLinks)
    .where(and(eq(deviceLinks.site, site), inArray(deviceLinks.accountId, all)));
  return rows.map((row) => row.deviceId).sort();
}

/** What Cordon itself holds about the consumer: their preference records, linked devices and other requests. */
export async function cordonData(tx: Db | Tx, request: { id: string; site: string; emailHash: string }, accounts: string[]): Promise<Disclosure['cordon']> {
  const devices = await devicesOf(tx, request.site, accounts, request.emailHash);
  const [records] = devices.length === 0 ? [{ n: 0 }] : await tx.select({ n: count() }).from(preferenceRecords)
    .where(and(eq(preferenceRecords.site, request.site), inArray(preferenceRecords.deviceId, devices)));
  const requests = await tx.select({ id: rightsRequests.id, type: rightsRequests.type, receivedAt: rightsRequests.receivedAt, status: rightsRequests.status })
    .from(rightsRequests)
    .where(and(eq(rightsRequests.site, request.site), eq(rightsRequests.emailHash, request.emailHash), ne(rightsRequests.id, request.id)))
    .orderBy(rightsRequests.receivedAt);
  return {
    preferenceRecords: Number(records!.n),
    devices,
    requests: requests.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() })),
  };
}
