import { sql } from 'drizzle-orm';
import type { Db } from '../../../collector/db/connect.ts';

/** The shop's customer database lives in a schema of its own in the collector's database (see the data map's `shop` store). */
export const shopSchema = 'shop';

/**
 * Creates the shop's tables if they are not there yet, so every demo start can run it. `legacy_newsletter` is
 * planted on purpose and left out of the data map: it holds addresses in a column named `ref`, for `cordon discover`
 * to find.
 */
export async function createShopSchema(db: Db, schema = shopSchema): Promise<void> {
  const s = sql.identifier(schema);
  for (const statement of [
    sql`create schema if not exists ${s}`,
    sql`create table if not exists ${s}.users (
      id serial primary key, email text not null unique, full_name text not null, phone text, birth_date date,
      password_hash text not null, created_at timestamptz not null default now())`,
    sql`create table if not exists ${s}.orders (
      id serial primary key, user_id int references ${s}.users(id), placed_at timestamptz not null,
      shipping_address text, shipping_postal_code text, subtotal numeric(10,2) not null, tax numeric(10,2) not null,
      tax_region text not null, total numeric(10,2) not null)`,
    sql`create table if not exists ${s}.order_items (
      order_id int not null references ${s}.orders(id), sku text not null, product_name text not null,
      quantity int not null, price numeric(10,2) not null)`,
    sql`create table if not exists ${s}.activity_log (
      user_id int not null references ${s}.users(id), at timestamptz not null, event text not null, path text, ip text)`,
    sql`create table if not exists ${s}.marketing_preferences (
      user_id int not null references ${s}.users(id), channel text not null, opted_in boolean not null,
      updated_at timestamptz not null, primary key (user_id, channel))`,
    sql`create table if not exists ${s}.support_tickets (
      id serial primary key, user_id int references ${s}.users(id), opened_at timestamptz not null, subject text not null, body text not null)`,
    sql`create table if not exists ${s}.legacy_newsletter (id serial primary key, ref text not null, joined date)`,
    sql`create index if not exists orders_user_id on ${s}.orders (user_id)`,
    sql`create index if not exists order_items_order_id on ${s}.order_items (order_id)`,
    sql`create index if not exists activity_log_user_id on ${s}.activity_log (user_id)`,
    sql`create index if not exists support_tickets_user_id on ${s}.support_tickets (user_id)`,
  ]) await db.execute(statement);
}
