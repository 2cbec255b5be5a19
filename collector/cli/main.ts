import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load.ts';
import { discover } from './discover.ts';
import { openDatabase } from '../db/connect.ts';
import { DataDirInUse } from '../db/pglite-lock.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { startServer } from '../server.ts';
import { createApiKey } from '../services/api-keys.ts';
import { replayDeletionsCommand } from './replay-deletions.ts';
import { verifyAttestationCommand, verifyAuditCommand } from './verify.ts';

const usage = `usage:
  cordon start                          run the collector (PORT, DATABASE_URL, CORDON_CONFIG, CORDON_SECRET_KEY)
  cordon keys create --name NAME [--admin]   mint an API key; it is printed once and stored hashed
  cordon replay-deletions --since DATE  after a backup restore, delete again everyone deleted since DATE
  cordon discover [--store ID] [--json] [--draft]   find personal information in the stores; exit 1 on any the map does not declare
  cordon verify-audit                   check the audit trail's hash chain; exit 1 naming the first bad event
  cordon verify-attestation FILE        check a request's attestation: signed by this collector, its events unchanged
  cordon --help                         this text`;

const helpFlags = ['--help', '-h', 'help'];

const env = {
  port: Number(process.env.PORT ?? 8787),
  databaseUrl: process.env.DATABASE_URL || undefined,
  configPath: process.env.CORDON_CONFIG ?? 'cordon.config.json',
  dataDir: process.env.CORDON_DATA_DIR ?? '.cordon/db',
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Asking for help is not a mistake: the usage goes to stdout and the exit is 0.
  if (command !== undefined && helpFlags.includes(command)) {
    console.log(usage);
    return 0;
  }
  if (command === 'start') return start();
  if (command === 'keys' && rest[0] === 'create') return createKey(rest.slice(1));
  if (command === 'replay-deletions') return replayDeletionsCommand(rest, env);
  if (command === 'discover') return discover(rest, env);
  if (command === 'verify-audit') return verifyAuditCommand(env);
  if (command === 'verify-attestation') return verifyAttestationCommand(rest, env);
  console.error(usage);
  return 2;
}

async function start(): Promise<number> {
  const config = loadConfig(env.configPath);
  // postgres.js can reject a stray internal write when Postgres restarts; that must not take the collector down.
  process.on('unhandledRejection', (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    console.error('cordon: database connection lost; reconnecting');
  });
  const running = await startServer({ config, port: env.port, databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  if (!process.env.CORDON_SECRET_KEY) console.warn('cordon: CORDON_SECRET_KEY is unset, so the key that signs attestations is kept unsealed in the database');
  console.log(`cordon: collector on http://localhost:${env.port} (${running.database.kind === 'pglite' ? `embedded PGlite in ${env.dataDir}` : 'Postgres from DATABASE_URL'})`);
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise(() => {});
}

async function createKey(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, admin: { type: 'boolean', default: false } } });
  if (!values.name) {
    console.error('cordon keys create: --name is required');
    return 2;
  }
  const database = await openKeyDatabase();
  if (!database) return 1;
  try {
    const { key, id } = await createApiKey(database.db, { name: values.name, admin: values.admin ?? false });
    console.log(`${key}\n(${id}: shown once, stored only as a hash)`);
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * A collector on the embedded PGlite holds its database alone: a key written beside it would never reach it, so it
 * would answer 401. Refuse rather than print a key that does not work.
 */
async function openKeyDatabase() {
  try {
    return await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirInUse)) throw error;
    console.error(`cordon keys create: no key created. A collector (process ${error.holder}) is running on the embedded database in ${error.dataDir}, `
      + 'and it would not see a key made beside it. Stop the collector, create the key, then start it again; '
      + 'or run collectors on Postgres (DATABASE_URL), where keys can be created while they run.');
    return undefined;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `cordon: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
