// Baseline: what a team would write first: one postgres.js query per request over the same table and data.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

const sql = postgres(process.argv[3]!, { max: 20, onnotice: () => {} });
const app = new Hono().get('/v1/status', async (c) => {
  const [row] = await sql`select sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source, updated_at
    from subject_states where site = 'bench' and kind = 'device' and key = ${c.req.query('device')!}`;
  return c.json(row
    ? { saleOptOut: row.sale_opt_out, sharingOptOut: row.sharing_opt_out, limitSensitive: row.limit_sensitive, gpc: row.gpc, source: row.source, updatedAt: row.updated_at, known: true }
    : { saleOptOut: false, sharingOptOut: false, limitSensitive: false, gpc: false, source: 'default', updatedAt: null, known: false });
});
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' }, () => process.send?.('ready'));
