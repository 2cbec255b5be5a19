import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../collector/db/connect.ts';
import { selectRows } from '../../../collector/db/rows.ts';
import { hashPassword } from '../passwords.ts';
import { shopSchema } from './schema.ts';

/** Every seeded customer signs in with this password: it is a demo. */
export const demoPassword = 'demo';

/** Customers the README and the tests sign in as; the generated ones follow them. */
export const demoAccounts = [
  { email: 'ada@example.com', fullName: 'Ada Lovelace', phone: '(415) 555-0101', birthDate: '1985-12-10' },
  { email: 'grace@example.com', fullName: 'Grace Hopper', phone: '(415) 555-0102', birthDate: '1976-12-09' },
  { email: 'alan@example.com', fullName: 'Alan Turing', phone: '(415) 555-0103', birthDate: '1982-06-23' },
] as const;

export const catalogue = [
  { sku: 'MUG-ENAMEL', name: 'Enamel camping mug', price: 14 },
  { sku: 'LAMP-BRASS', name: 'Brass reading lamp', price: 89 },
  { sku: 'SOCKS-MERINO-3', name: 'Merino hiking socks', price: 22 },
  { sku: 'TENT-2P', name: 'Two-person tent', price: 249 },
  { sku: 'STOVE-CAMP', name: 'Camp stove', price: 64 },
  { sku: 'BOTTLE-STEEL', name: 'Steel water bottle', price: 27 },
  { sku: 'MAPS-TRAIL', name: 'Trail map set', price: 18 },
] as const;

/** Ada's orders, fixed so a test can look for them: days before the seeding, and what was in each. */
const adaOrders = [
  { daysAgo: 12, items: [{ sku: 'MUG-ENAMEL', quantity: 2 }, { sku: 'SOCKS-MERINO-3', quantity: 1 }] },
  { daysAgo: 96, items: [{ sku: 'LAMP-BRASS', quantity: 1 }] },
  { daysAgo: 201, items: [{ sku: 'TENT-2P', quantity: 1 }, { sku: 'STOVE-CAMP', quantity: 1 }] },
];

const firstNames = ['Maya', 'Luis', 'Priya', 'Jonah', 'Keiko', 'Omar', 'Elena', 'Tariq', 'Sofia', 'Dmitri', 'Amara', 'Wei',
  'Hannah', 'Mateo', 'Ines', 'Kwame', 'Lena', 'Rafael', 'Noor', 'Samir', 'Chloe', 'Diego', 'Freya', 'Arjun'];
const lastNames = ['Okafor', 'Nguyen', 'Garcia', 'Kowalski', 'Tanaka', 'Haddad', 'Rossi', 'Mensah', 'Larsen', 'Patel',
  'Moreau', 'Silva', 'Cohen', 'Reyes', 'Novak', 'Ibrahim', 'Park', 'Fischer', 'Duarte', 'Walsh'];
const streets = ['Market St', 'Valencia St', 'Mission St', 'Divisadero St', 'Geary Blvd', 'Irving St', 'Castro St', 'Polk St'];
const cities = [
  { city: 'San Francisco, CA', zip: '94110', region: 'CA-SF', rate: 0.08625 },
  { city: 'Oakland, CA', zip: '94612', region: 'CA-ALA', rate: 0.1025 },
  { city: 'Los Angeles, CA', zip: '90012', region: 'CA-LA', rate: 0.095 },
  { city: 'Sacramento, CA', zip: '95814', region: 'CA-SAC', rate: 0.0875 },
];
const paths = ['/', '/product?id=mug', '/product?id=lamp', '/product?id=socks', '/checkout', '/privacy'];
const events = ['page_view', 'page_view', 'page_view', 'add_to_cart', 'sign_in', 'checkout'];
const ticketSubjects = ['Order arrived damaged', 'Change my delivery address', 'Where is my parcel?', 'Question about sizing'];

const generatedCustomers = 47;

/** A small seeded generator (mulberry32): the same data on every machine and every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { int, pick };
}

const money = (value: number) => value.toFixed(2);
const daysBefore = (now: Date, days: number, minutes = 0) => new Date(now.getTime() - days * 86_400_000 - minutes * 60_000).toISOString();

const shopTables = ['users', 'orders', 'order_items', 'activity_log', 'marketing_preferences', 'support_tickets', 'legacy_newsletter'] as const;
/** Rows of each table, parents before children, as the database takes them. */
export type ShopRows = Record<(typeof shopTables)[number], Record<string, unknown>[]>;

/** The whole fake customer base, as rows: the demo accounts with fixed orders, then generated customers. */
export function shopRows(now: Date): ShopRows {
  const random = generator(20261206);
  const rows: ShopRows = { users: [], orders: [], order_items: [], activity_log: [], marketing_preferences: [], support_tickets: [], legacy_newsletter: [] };
  const people = [
    ...demoAccounts.map((account) => ({ ...account })),
    ...Array.from({ length: generatedCustomers }, (_, n) => {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      return {
        email: `${first}.${last}${n + 1}@example.${random.pick(['com', 'org', 'net'])}`.toLowerCase(),
        fullName: `${first} ${last}`,
        phone: `(${random.pick(['415', '510', '213', '916'])}) 555-${String(random.int(200, 9999)).padStart(4, '0')}`,
        birthDate: `${random.int(1950, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      };
    }),
  ];
  for (const [index, person] of people.entries()) {
    const id = index + 1;
    const home = random.pick(cities);
    const address = `${random.int(1, 2400)} ${random.pick(streets)}, ${home.city}`;
    rows.users.push({ id, email: person.email, full_name: person.fullName, phone: person.phone, birth_date: person.birthDate,
      created_at: daysBefore(now, random.int(400, 1500)) });
    const orders = person.email === 'ada@example.com' ? adaOrders : Array.from({ length: random.int(0, 4) }, () => ({
      daysAgo: random.int(1, 540),
      items: Array.from({ length: random.int(1, 3) }, () => ({ sku: random.pick(catalogue).sku, quantity: random.int(1, 3) })),
    }));
    for (const order of orders) {
      const orderId = rows.orders.length + 1;
      let subtotal = 0;
      for (const item of order.items) {
        const product = catalogue.find((entry) => entry.sku === item.sku)!;
        subtotal += product.price * item.quantity;
        rows.order_items.push({ order_id: orderId, sku: product.sku, product_name: product.name, quantity: item.quantity, price: money(product.price) });
      }
      const tax = Math.round(subtotal * home.rate * 100) / 100;
      rows.orders.push({ id: orderId, user_id: id, placed_at: daysBefore(now, order.daysAgo), shipping_address: address,
        shipping_postal_code: home.zip, subtotal: money(subtotal), tax: money(tax), tax_region: home.region, total: money(subtotal + tax) });
    }
    const ip = `${random.pick(['203.0.113', '198.51.100'])}.${random.int(1, 254)}`;
    for (let visit = random.int(8, 30); visit > 0; visit -= 1) {
      rows.activity_log.push({ user_id: id, at: daysBefore(now, random.int(0, 360), random.int(0, 1439)), event: random.pick(events), path: random.pick(paths), ip });
    }
    for (const channel of ['email', 'sms', 'postal']) {
      rows.marketing_preferences.push({ user_id: id, channel, opted_in: random.int(0, 2) > 0, updated_at: daysBefore(now, random.int(1, 300)) });
    }
    for (let ticket = index < demoAccounts.length ? 1 : random.int(0, 2); ticket > 0; ticket -= 1) {
      const subject = random.pick(ticketSubjects);
      rows.support_tickets.push({ user_id: id, opened_at: daysBefore(now, random.int(1, 300)), subject,
        body: `Hello, ${subject.toLowerCase()}. You can reach me on ${person.phone} or at ${person.email}. Thanks, ${person.fullName.split(' ')[0]}` });
    }
    // The old newsletter list predates accounts: some customers are on it, under the address they gave then.
    if (random.int(0, 2) === 0 || index === 0) rows.legacy_newsletter.push({ ref: person.email, joined: daysBefore(now, random.int(1600, 2600)).slice(0, 10) });
  }
  return rows;
}

/** Fills the shop's tables with the fake customers, unless it has customers already: a restarted demo keeps its data. */
export async function seedShop(db: Db, now = new Date(), schema = shopSchema): Promise<boolean> {
  const s = sql.identifier(schema);
  const hasCustomers = async (on: Db | Tx) =>
    (await selectRows<{ any: boolean }>(on, sql`select exists (select 1 from ${s}.users) as any`))[0]!.any;
  if (await hasCustomers(db)) return false;
  const rows = shopRows(now);
  const hashes = await Promise.all(rows.users.map(() => hashPassword(demoPassword)));
  rows.users.forEach((user, index) => { user.password_hash = hashes[index]; });
  return db.transaction(async (tx) => {
    // Two demos starting on one Postgres: the second waits here, then finds the first one's customers.
    await tx.execute(sql`lock table ${s}.users in share row exclusive mode`);
    if (await hasCustomers(tx)) return false;
    for (const table of shopTables) {
      const t = sql.identifier(table);
      const columns = sql.join(Object.keys(rows[table][0]!).map((name) => sql.identifier(name)), sql`, `);
      await tx.execute(sql`insert into ${s}.${t} (${columns}) select ${columns} from jsonb_populate_recordset(null::${s}.${t}, ${JSON.stringify(rows[table])}::jsonb)`);
    }
    // The ids were given: the sequences move past them, so sign-ups after the seeding get fresh ones.
    for (const table of ['users', 'orders']) {
      await tx.execute(sql`select setval(pg_get_serial_sequence(${`${schema}.${table}`}, 'id'), (select max(id) from ${s}.${sql.identifier(table)}))`);
    }
    return true;
  });
}
