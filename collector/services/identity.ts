import { and, asc, eq, inArray } from 'drizzle-orm';
import { defaultChoices } from '../../shared/choices.ts';
import type { CordonConfig, Site } from '../../shared/config.ts';
import type { Db } from '../db/connect.ts';
import { deviceLinks, emailLinks, preferenceRecords } from '../db/schema.ts';
import { audit } from './audit.ts';
import { emailHash } from './hashing.ts';
import { mergeStates, newOptOuts, type SubjectState } from './preference-state.ts';
import { lockStates, refId, saveStates, type SubjectRef } from './preferences.ts';
import { enqueueOptOutNotices } from './propagation.ts';

/**
 * Links a device (and optionally an email) to an account. Opt-outs on either side now apply to the account, and
 * partners hear of any the account did not have yet. Returns the account's state for the browser to apply.
 */
export async function linkDevice(
  db: Db, config: CordonConfig, site: Site,
  link: { deviceId: string; account: string; email?: string; now: Date },
): Promise<SubjectState> {
  return db.transaction(async (tx) => {
    const accountRef: SubjectRef = { site: site.id, kind: 'account', key: link.account };
    const others: SubjectRef[] = [{ site: site.id, kind: 'device', key: link.deviceId }];
    if (link.email) others.push({ site: site.id, kind: 'email', key: emailHash(link.email) });
    const states = await lockStates(tx, [accountRef, ...others]);
    const before = states.get(refId(accountRef));
    const merged = others.map((ref) => states.get(refId(ref)))
      .reduce<SubjectState | undefined>((acc, state) => (!state ? acc : acc ? mergeStates(acc, state) : state), before)
      ?? { ...defaultChoices(site.regime), gpc: false, source: 'account', updatedAt: link.now };

    await tx.insert(deviceLinks).values({ site: site.id, deviceId: link.deviceId, accountId: link.account, linkedAt: link.now })
      .onConflictDoUpdate({ target: [deviceLinks.site, deviceLinks.deviceId], set: { accountId: link.account, linkedAt: link.now } });
    if (link.email) {
      await tx.insert(emailLinks).values({ site: site.id, emailHash: emailHash(link.email), accountId: link.account, linkedAt: link.now })
        .onConflictDoUpdate({ target: [emailLinks.site, emailLinks.emailHash], set: { accountId: link.account, linkedAt: link.now } });
    }
    await saveStates(tx, [{ ref: accountRef, state: merged }]);
    const optedOut = newOptOuts(before ?? defaultChoices(site.regime), merged);
    if (optedOut.length > 0) {
      await enqueueOptOutNotices(tx, config, link.now, [{ subject: accountRef, choices: optedOut, cause: `link:${link.deviceId}` }]);
    }
    await audit(tx, {
      actor: `site:${site.id}`, action: 'device.linked', subject: link.account,
      detail: { deviceId: link.deviceId, withEmail: Boolean(link.email), newOptOuts: optedOut },
    });
    return merged;
  });
}

/** Every record of an account's devices, oldest first: the history a link merges. */
export async function accountHistory(db: Db, site: Site, account: string) {
  const devices = db.select({ deviceId: deviceLinks.deviceId }).from(deviceLinks)
    .where(and(eq(deviceLinks.site, site.id), eq(deviceLinks.accountId, account)));
  return db.select().from(preferenceRecords)
    .where(and(eq(preferenceRecords.site, site.id), inArray(preferenceRecords.deviceId, devices)))
    .orderBy(asc(preferenceRecords.occurredAt));
}
