import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { selectRows } from '../../collector/db/rows.ts';
import { demoInChromium } from '../helpers/demo.ts';
import { eventually } from '../helpers/eventually.ts';

interface OrderRow { id: number; user_id: number | null; shipping_address: string | null; shipping_postal_code: string | null; tax: string; tax_region: string; total: string }

describe('a signed-in customer of the demo shop asks what it holds, and to be deleted', () => {
  const running = demoInChromium();

  const ordersOf = (email: string) => selectRows<OrderRow>(running.demo().db, sql`select o.id, o.user_id, o.shipping_address, o.shipping_postal_code,
      o.tax::text, o.tax_region, o.total::text from shop.orders o join shop.users u on u.id = o.user_id where u.email = ${email} order by o.id`);
  const ordersById = (ids: number[]) => selectRows<OrderRow>(running.demo().db, sql`select id, user_id, shipping_address, shipping_postal_code,
      tax::text, tax_region, total::text from shop.orders where id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`} order by id`);

  async function signIn(email: string): Promise<Page> {
    const page = await (await running.browser().newContext()).newPage();
    await page.goto(`${running.demo().shopUrl}/account/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello,/ }).waitFor();
    return page;
  }

  /** Files the request from the privacy page as the signed-in customer and waits until Cordon says it is done. */
  async function request(page: Page, type: string): Promise<void> {
    await page.goto(`${running.demo().shopUrl}/privacy`);
    await page.getByLabel('What do you want to do?').selectOption(type);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Your request is completed.').waitFor({ timeout: 30_000 });
  }

  test('a wrong password is refused with a message, and no session is made', async () => {
    const page = await (await running.browser().newContext()).newPage();
    await page.goto(`${running.demo().shopUrl}/account/sign-in`);
    await page.getByLabel('Email address').fill('ada@example.com');
    await page.getByLabel('Password').fill('not-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match an account' }).waitFor();
    await page.goto(`${running.demo().shopUrl}/account`);
    assert.match(page.url(), /\/account\/sign-in$/);
    await page.context().close();
  });

  test('a know request, verified by the account, shows the orders that person placed', async () => {
    const page = await signIn('ada@example.com');
    const orders = await ordersOf('ada@example.com');
    assert.equal(orders.length, 3);
    const accountText = await page.locator('main').innerText();
    for (const product of ['Enamel camping mug', 'Brass reading lamp', 'Two-person tent']) assert.ok(accountText.includes(product), product);

    await page.goto(`${running.demo().shopUrl}/privacy`);
    assert.equal(await page.getByLabel('Email address').inputValue(), 'ada@example.com');
    await request(page, 'know-specific');
    await page.getByRole('link', { name: 'See the result' }).click();
    await page.waitForLoadState('load');
    const result = await page.locator('body').innerText();
    for (const product of ['Enamel camping mug', 'Merino hiking socks', 'Brass reading lamp', 'Two-person tent', 'Camp stove']) {
      assert.ok(result.includes(product), `the answer lists ${product}`);
    }
    for (const order of orders) assert.ok(result.includes(order.total), `the answer holds the order of ${order.total}`);
    assert.ok(!result.includes('grace@example.com') && !result.includes('Grace Hopper'), 'nobody else is in the answer');
    assert.ok(!result.includes('scrypt$'), 'the password hash is never disclosed');
    await page.context().close();
  });

  test('a delete request removes the person and their orders\' ties to them, keeps the tax fields, and tells the service provider', async () => {
    const page = await signIn('grace@example.com');
    const before = await ordersOf('grace@example.com');
    assert.ok(before.length > 0);
    await request(page, 'delete');

    const [user] = await selectRows<{ n: number }>(running.demo().db, sql`select count(*)::int as n from shop.users where email = 'grace@example.com'`);
    assert.equal(user!.n, 0, 'the account is gone');
    const kept = await ordersById(before.map((order) => order.id));
    assert.equal(kept.length, before.length, 'the orders stay for the tax records');
    kept.forEach((order, n) => {
      assert.equal(order.user_id, null);
      assert.equal(order.shipping_address, null);
      assert.notEqual(order.shipping_postal_code, before[n]!.shipping_postal_code, 'the postal code is generalised');
      assert.deepEqual([order.tax, order.tax_region, order.total], [before[n]!.tax, before[n]!.tax_region, before[n]!.total]);
    });
    const [left] = await selectRows<{ n: number }>(running.demo().db, sql`select
      (select count(*) from shop.support_tickets where body like '%grace@example.com%') + (select count(*) from shop.activity_log a where not exists (select 1 from shop.users u where u.id = a.user_id)) as n`);
    assert.equal(Number(left!.n), 0, 'no ticket or activity of hers is left');
    await eventually(() => running.demo().vendors.notices().filter((notice) => notice.topic === 'delete').length, (n) => n === 1, 'the delete notice at the service provider', 15_000);

    await page.goto(`${running.demo().shopUrl}/account`);
    assert.match(page.url(), /\/account\/sign-in$/, 'the deleted account cannot be used');
    await page.context().close();
  });
});
