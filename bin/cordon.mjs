#!/usr/bin/env node
// The `cordon` command: the collector as `npm run build` bundles it (dist/collector), run by plain node.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/collector/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('cordon: the collector is not built; run `npm run build` first');
  process.exit(1);
}
await import(cli.href);
