// The real collector, as `cordon start` runs it, with the bench's configuration.
import { parseConfig } from '../../collector/config/load.ts';
import { startServer } from '../../collector/server.ts';

const config = parseConfig(JSON.parse(process.argv[4]!));
await startServer({ config, port: Number(process.argv[2]), databaseUrl: process.argv[3], dataDir: '' });
process.send?.('ready');
