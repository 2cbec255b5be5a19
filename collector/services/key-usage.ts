import type { Db } from '../db/connect.ts';
import { audit } from './audit.ts';

/**
 * Key use is audited per key and window rather than per call: a status API answering thousands of calls a
 * second would otherwise write thousands of audit rows a second. A window is written by the first call after
 * it closes.
 */
export class KeyUsageLog {
  private counts = new Map<string, number>();
  private windowStart: number;

  constructor(private readonly db: Db, private readonly windowMs = 1_000, now = Date.now()) {
    this.windowStart = now;
  }

  note(keyId: string, now: number): void {
    this.counts.set(keyId, (this.counts.get(keyId) ?? 0) + 1);
    if (now - this.windowStart >= this.windowMs) void this.flush(now);
  }

  async flush(now: number): Promise<void> {
    if (this.counts.size === 0) return;
    const counts = this.counts;
    const from = new Date(this.windowStart).toISOString();
    this.counts = new Map();
    this.windowStart = now;
    const to = new Date(now).toISOString();
    try {
      await audit(this.db, ...[...counts].map(([keyId, calls]) => ({
        actor: `key:${keyId}`, action: 'key.used', subject: keyId, detail: { calls, from, to },
      })));
    } catch (error) {
      console.error(`cordon: could not write key usage to the audit trail: ${(error as Error).message}`);
    }
  }
}
