import { sql } from 'drizzle-orm';
import type { StoreInput } from '../../shared/datamap.ts';
import type { TestDatabase } from './databases.ts';

/** A small shop's own database: customers, their orders and items, activity, and support tickets. */
export async function createAcmeStore(database: TestDatabase, schema = 'acme'): Promise<void> {
  const s = sql.identifier(schema);
  for (const statement of [
    sql`create schema ${s}`,
    sql`create table ${s}.customers (id serial primary key, email text not null, full_name text, phone text, ssn text, created_at timestamptz default now())`,
    sql`create table ${s}.orders (id serial primary key, customer_id int references ${s}.customers(id), placed_at timestamptz not null,
      shipping_address text, postal_code text, total numeric(10,2) not null, tax numeric(10,2) not null)`,
    sql`create table ${s}.order_items (order_id int not null references ${s}.orders(id), sku text not null, quantity int not null)`,
    sql`create table ${s}.activity (customer_id int references ${s}.customers(id), at timestamptz not null, path text, ip text)`,
    sql`create table ${s}.tickets (id serial primary key, customer_id int references ${s}.customers(id), body text)`,
    sql`create index on ${s}.orders (customer_id)`,
    sql`create index on ${s}.activity (customer_id)`,
  ]) await database.db.execute(statement);
}

export interface Customer { email: string; name: string; phone: string; ssn: string; orders: number; activity: number }

/** Adds a customer with `orders` orders of two items each, `activity` page views and one ticket; answers their id. */
export async function addCustomer(database: TestDatabase, customer: Customer, schema = 'acme', now = new Date()): Promise<number> {
  const s = sql.identifier(schema);
  const [row] = await rows<{ id: number }>(database, sql`insert into ${s}.customers (email, full_name, phone, ssn)
    values (${customer.email}, ${customer.name}, ${customer.phone}, ${customer.ssn}) returning id`);
  const id = row!.id;
  for (let n = 0; n < customer.orders; n += 1) {
    const placed = new Date(now.getTime() - (n + 1) * 86_400_000);
    const [order] = await rows<{ id: number }>(database, sql`insert into ${s}.orders (customer_id, placed_at, shipping_address, postal_code, total, tax)
      values (${id}, ${placed.toISOString()}, ${`${n + 1} Market St, San Francisco`}, '94110', ${String(20 + n)}, '1.80') returning id`);
    await database.db.execute(sql`insert into ${s}.order_items (order_id, sku, quantity) values (${order!.id}, 'SKU-1', 1), (${order!.id}, 'SKU-2', 2)`);
  }
  if (customer.activity > 0) {
    await database.db.execute(sql`insert into ${s}.activity (customer_id, at, path, ip)
      select ${id}, ${now.toISOString()}::timestamptz - (g || ' minutes')::interval, '/product/' || g, '203.0.113.7' from generate_series(1, ${customer.activity}) g`);
  }
  await database.db.execute(sql`insert into ${s}.tickets (customer_id, body) values (${id}, ${`Please call me at ${customer.phone}`})`);
  return id;
}

export async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The data map of that store: found by email, orders kept for tax with the address removed, tickets de-identified. */
export function acmeStore(url?: string, schema = 'acme'): StoreInput {
  return {
    id: 'acme', kind: 'postgres', schema, ...(url ? { url } : {}),
    tables: {
      customers: {
        identities: { email: 'email', account: 'id', phone: 'phone', name: 'full_name' },
        columns: {
          email: { category: 'identifiers' }, full_name: { category: 'identifiers' }, phone: { category: 'identifiers' },
          ssn: { category: 'identifiers', sensitive: 'government-id' },
        },
        onDelete: 'delete',
      },
      orders: {
        references: { customer_id: 'customers.id' },
        timestamp: 'placed_at',
        columns: { shipping_address: { category: 'identifiers' }, postal_code: { category: 'identifiers' }, total: { category: 'commercial', purpose: 'selling you products' } },
        onDelete: { retain: { basis: 'tax records', years: 7 }, deidentify: { customer_id: 'null', shipping_address: 'null', postal_code: 'generalize' } },
      },
      order_items: {
        references: { order_id: 'orders.id' },
        columns: { sku: { category: 'commercial' }, quantity: { category: 'commercial' } },
        onDelete: { retain: { basis: 'tax records', years: 7 } },
      },
      activity: {
        references: { customer_id: 'customers.id' },
        timestamp: 'at',
        columns: { path: { category: 'internet-activity' }, ip: { category: 'identifiers' } },
        onDelete: 'delete',
      },
      tickets: {
        references: { customer_id: 'customers.id' },
        columns: { body: { category: 'customer-records', sensitive: 'communications-contents' } },
        onDelete: { deidentify: { customer_id: 'null', body: 'hash' } },
      },
    },
  };
}
