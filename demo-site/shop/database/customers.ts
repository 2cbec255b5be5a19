import { sql } from 'drizzle-orm';
import type { Db } from '../../../collector/db/connect.ts';
import { selectRows } from '../../../collector/db/rows.ts';
import { shopSchema } from './schema.ts';

export interface Customer { id: number; email: string; fullName: string; passwordHash: string }
export interface PlacedOrder { id: number; placedAt: string; total: string; tax: string; items: { name: string; quantity: number }[] }

const s = sql.identifier(shopSchema);

const customerWhere = (condition: ReturnType<typeof sql>) => sql`select id, email, full_name as "fullName", password_hash as "passwordHash"
  from ${s}.users where ${condition}`;

export async function customerByEmail(db: Db, email: string): Promise<Customer | undefined> {
  const [row] = await selectRows<Customer>(db, customerWhere(sql`email = ${email.trim().toLowerCase()}`));
  return row;
}

export async function customerById(db: Db, id: number): Promise<Customer | undefined> {
  const [row] = await selectRows<Customer>(db, customerWhere(sql`id = ${id}`));
  return row;
}

/** A customer's orders, newest first, with what was in each. */
export async function ordersOf(db: Db, customerId: number): Promise<PlacedOrder[]> {
  return selectRows<PlacedOrder>(db, sql`select o.id, to_char(o.placed_at, 'YYYY-MM-DD') as "placedAt", o.total::text as total, o.tax::text as tax,
      json_agg(json_build_object('name', i.product_name, 'quantity', i.quantity) order by i.sku) as items
    from ${s}.orders o join ${s}.order_items i on i.order_id = o.id
    where o.user_id = ${customerId} group by o.id order by o.placed_at desc`);
}
