import type { StoreInput } from '../../../shared/datamap.ts';
import { shopSchema } from './schema.ts';

const selling = 'selling and delivering your orders';

/**
 * The shop's customer database, as the data map declares it: in the collector's own database (no `url`), schema
 * `shop`. Orders are kept seven years for tax with the address gone; everything else about a person is deleted.
 * `legacy_newsletter` is left out on purpose: `cordon discover` finds it.
 */
export const shopStore: StoreInput = {
  id: 'shop',
  kind: 'postgres',
  schema: shopSchema,
  tables: {
    users: {
      identities: { email: 'email', account: 'id', phone: 'phone', name: 'full_name', birthDate: 'birth_date' },
      timestamp: 'created_at',
      columns: {
        email: { category: 'identifiers', purpose: 'your account and order mail' },
        full_name: { category: 'identifiers', purpose: 'your account and deliveries' },
        phone: { category: 'identifiers', purpose: 'delivery questions' },
        birth_date: { category: 'protected-classifications', purpose: 'checking you are old enough to buy' },
        password_hash: { category: 'customer-records', sensitive: 'account-login', purpose: 'signing you in' },
        created_at: { category: 'customer-records' },
      },
      onDelete: 'delete',
    },
    orders: {
      references: { user_id: 'users.id' },
      timestamp: 'placed_at',
      columns: {
        placed_at: { category: 'commercial', purpose: selling },
        shipping_address: { category: 'identifiers', purpose: selling },
        shipping_postal_code: { category: 'identifiers', purpose: selling },
        subtotal: { category: 'commercial', purpose: selling },
        tax: { category: 'commercial', purpose: 'collecting sales tax' },
        tax_region: { category: 'commercial', purpose: 'collecting sales tax' },
        total: { category: 'commercial', purpose: selling },
      },
      // The tax fields stay for the tax authority; who placed the order and where it went do not.
      onDelete: {
        retain: { basis: 'tax records', years: 7 },
        deidentify: { user_id: 'null', shipping_address: 'null', shipping_postal_code: 'generalize' },
      },
    },
    order_items: {
      references: { order_id: 'orders.id' },
      columns: {
        sku: { category: 'commercial', purpose: selling },
        product_name: { category: 'commercial', purpose: selling },
        quantity: { category: 'commercial', purpose: selling },
        price: { category: 'commercial', purpose: selling },
      },
      onDelete: { retain: { basis: 'tax records', years: 7 } },
    },
    activity_log: {
      references: { user_id: 'users.id' },
      timestamp: 'at',
      columns: {
        at: { category: 'internet-activity', purpose: 'security and improving the shop' },
        event: { category: 'internet-activity', purpose: 'security and improving the shop' },
        path: { category: 'internet-activity', purpose: 'security and improving the shop' },
        ip: { category: 'identifiers', purpose: 'security' },
      },
      onDelete: 'delete',
    },
    marketing_preferences: {
      references: { user_id: 'users.id' },
      timestamp: 'updated_at',
      columns: {
        channel: { category: 'commercial', purpose: 'sending the marketing you asked for' },
        opted_in: { category: 'commercial', purpose: 'sending the marketing you asked for' },
      },
      onDelete: 'delete',
    },
    support_tickets: {
      references: { user_id: 'users.id' },
      timestamp: 'opened_at',
      columns: {
        subject: { category: 'customer-records', purpose: 'answering your questions' },
        body: { category: 'customer-records', sensitive: 'communications-contents', purpose: 'answering your questions' },
      },
      onDelete: 'delete',
    },
  },
};
