import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describeDatabaseError } from '../../collector/db/errors.ts';

test('a failed query is described by the database\'s message, never with its parameters', () => {
  const cause = Object.assign(new Error('insert or update on table "orders" violates foreign key constraint "orders_customer_id_fkey"'), { code: '23503' });
  const error = new DrizzleQueryError('delete from customers where email = $1', ['ada@example.com'], cause);
  assert.match(error.message, /ada@example\.com/, 'Drizzle\'s own message repeats the parameters');
  const said = describeDatabaseError(error);
  assert.equal(said, '23503 insert or update on table "orders" violates foreign key constraint "orders_customer_id_fkey"');
  assert.ok(!said.includes('ada@example.com'));
});
