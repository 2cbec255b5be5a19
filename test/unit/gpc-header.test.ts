import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { readGpcHeader } from '../../collector/middleware/gpc-header.ts';

test('a site server sees GPC only for exactly "Sec-GPC: 1"', async () => {
  const app = new Hono<{ Variables: { gpc: boolean } }>().use(readGpcHeader()).get('/', (c) => c.text(String(c.get('gpc'))));
  const seen = async (value?: string) => (await app.request('/', { headers: value === undefined ? {} : { 'sec-gpc': value } })).text();
  assert.equal(await seen('1'), 'true');
  for (const other of [undefined, '0', 'true', '01', 'yes', '1, 1']) assert.equal(await seen(other), 'false', String(other));
});
