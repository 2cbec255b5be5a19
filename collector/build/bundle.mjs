// `npm run build` step: the collector bundled to plain ESM in dist/collector/, which `cordon start`, `npm start`
// and the bench run with plain node. Without the TypeScript loader (a thread of its own with esbuild inside) the
// process needs much less memory. Dependencies stay in node_modules; migrations are copied beside the bundle,
// where db/connect.ts looks for them. The bundle sits two levels down, as the sources do, so the script route
// finds dist/client/ at the same relative path.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/collector';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'collector/cli/main.ts', server: 'collector/server.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
cpSync('collector/db/migrations', `${outdir}/migrations`, { recursive: true });
