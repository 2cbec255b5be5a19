import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { loadConfig, parseConfig } from '../collector/config/load.ts';
import { listen, startServer } from '../collector/server.ts';
import type { Db } from '../collector/db/connect.ts';
import type { CordonConfig } from '../shared/config.ts';
import { shopApp } from './shop/app.ts';
import { createShopSchema } from './shop/database/schema.ts';
import { seedShop } from './shop/database/seed.ts';
import { describeIssues } from '../shared/validation.ts';
import { demoConfig, DemoPortsEnv } from './site-config.ts';
import { vendorServer, type VendorServer } from './vendors/server.ts';

export interface Demo {
  collectorUrl: string;
  shopUrl: string;
  vendorPort: number;
  vendors: VendorServer;
  db: Db;
  stop(): Promise<void>;
}

/**
 * The collector, the fake vendors and the shop in one process. Port 0 picks free ports (tests); the shop and vendor
 * ports must be known before the collector's configuration, whose origins and vendor hosts name them.
 */
export async function startDemo(options: {
  ports: { collector: number; vendors: number; shop: number };
  config?: (ports: { shop: number; vendors: number }) => CordonConfig;
  databaseUrl?: string;
  dataDir: string;
  /** Tests run the collector's sources; `npm start` runs it as built. */
  collector?: typeof startServer;
}): Promise<Demo> {
  const vendors = vendorServer();
  const vendorListener = await listen(vendors.fetch, options.ports.vendors);
  let shopFetch: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const shopListener = await listen((request) => shopFetch(request), options.ports.shop);
  const ports = { shop: portOf(shopListener), vendors: portOf(vendorListener) };
  const config = (options.config ?? ((given) => parseConfig(demoConfig(given))))(ports);
  const collector = await (options.collector ?? startServer)({
    config, port: options.ports.collector, databaseUrl: options.databaseUrl, dataDir: options.dataDir,
    // The shop's customer database is a store of the data map, so it must exist before the map is checked.
    prepareStores: async ({ db }) => {
      await createShopSchema(db);
      await seedShop(db);
    },
  });
  shopFetch = shopApp({ collectorUrl: collector.url, vendorPort: ports.vendors, vendors, db: collector.database.db, config }).fetch;
  return {
    collectorUrl: collector.url,
    shopUrl: `http://localhost:${ports.shop}`,
    vendorPort: ports.vendors,
    vendors,
    db: collector.database.db,
    async stop() {
      await Promise.all([close(shopListener), close(vendorListener)]);
      await collector.stop();
    },
  };
}

const portOf = (server: ServerType) => (server.address() as AddressInfo).port;
const close = (server: ServerType) => new Promise<void>((resolve) => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  server.close(() => resolve());
});

// `npm start`: the demo on the ports of the environment, with the operator's data directory. Its configuration is
// made from those ports (`cordon.config.json` is it for the default ones), unless CORDON_CONFIG names a file.
if (import.meta.url === `file://${process.argv[1]}`) {
  const ports = DemoPortsEnv.safeParse(process.env);
  if (!ports.success) {
    console.error(`cordon: the demo's ports are wrong:\n${describeIssues(ports.error).map((line) => `  ${line}`).join('\n')}`);
    process.exit(1);
  }
  const configPath = process.env.CORDON_CONFIG;
  const dataDir = process.env.CORDON_DATA_DIR ?? '.cordon/db';
  // The same bundle `cordon start` runs (dist/collector, made by `npm run build`).
  const bundle = '../dist/collector/server.mjs';
  const built = (await import(bundle)) as typeof import('../collector/server.ts');
  const demo = await startDemo({
    ports: ports.data,
    config: configPath ? () => loadConfig(configPath) : undefined,
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    collector: built.startServer,
  });
  console.log(`cordon: collector on ${demo.collectorUrl} (${process.env.DATABASE_URL ? 'Postgres from DATABASE_URL' : `embedded PGlite in ${dataDir}`})`);
  console.log(`cordon: demo shop on ${demo.shopUrl} (fake vendors on *.localhost:${demo.vendorPort})`);
  console.log(`cordon: privacy console on ${demo.collectorUrl}/console (sign in with an admin key: cordon keys create --name NAME --admin)`);
  const stop = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
