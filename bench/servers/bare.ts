// Baseline: the cheapest possible Hono route on @hono/node-server, answering a constant.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = { saleOptOut: false, sharingOptOut: false, limitSensitive: false, gpc: false, source: 'default', updatedAt: null, known: false };
// It also stands in for the downstream partner that the collector's outbox delivers opt-outs to.
const app = new Hono().get('/v1/status', (c) => c.json(body)).post('/optouts', (c) => c.json({ accepted: true }));
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' }, () => process.send?.('ready'));
