import type { CordonConfig } from '../../shared/config.ts';
import type { Db } from '../db/connect.ts';
import { describeDatabaseError } from '../db/errors.ts';
import type { Clock } from '../services/clock.ts';
import { dispatchFulfilment, manualFulfilment, type Fulfilment } from './fulfilment.ts';
import { smtpUrlOf, startMailWorker } from './mailer.ts';
import { escalate } from './queue.ts';

export interface RequestWorkerOptions {
  /** Where links in mail written by the worker point when `requests.publicUrl` is unset. */
  fallbackBase: string;
  fulfilment?: Fulfilment;
  /** How often deadlines are checked and verified requests handed to fulfilment. */
  intervalMs?: number;
}

/**
 * The background half of rights requests: sending mail, escalating deadlines, handing verified requests to
 * fulfilment. It holds no state of its own; a restarted collector picks up exactly where the database says.
 */
export function startRequestWorkers(deps: { db: Db; config: CordonConfig; clock: Clock }, options: RequestWorkerOptions) {
  const smtpUrl = smtpUrlOf(deps.config);
  console.log(smtpUrl
    ? 'cordon: request mail goes out by SMTP'
    : 'cordon: no SMTP configured (requests.smtpUrl or CORDON_SMTP_URL): request mail is kept in the database; read it at GET /v1/admin/mail');
  if (!deps.config.requests.privacyOps) console.log('cordon: no requests.privacyOps webhook: deadline escalations are only flagged in the queue');
  const mail = smtpUrl ? startMailWorker(deps, smtpUrl) : undefined;
  const base = deps.config.requests.publicUrl ?? options.fallbackBase;
  const mailing = { smtp: smtpUrl !== undefined };
  const fulfilment = options.fulfilment ?? manualFulfilment;
  let running = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const now = deps.clock();
        while (await escalate(deps.db, deps.config, now) > 0);
        while (await dispatchFulfilment(deps.db, { config: deps.config, mailing, now, base }, fulfilment) > 0);
      } catch (error) {
        // The database may be restarting; the next tick finds the same work.
        console.error(`cordon: request worker: ${describeDatabaseError(error)}`);
      }
    });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  return {
    nudge: tick,
    async stop() {
      clearInterval(timer);
      await running;
      await mail?.stop();
    },
  };
}
