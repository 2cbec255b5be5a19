import { defineConfig } from 'vite';

/**
 * Four classic scripts, each self-contained (an IIFE, so a site's `<script src>` runs it with no module loader):
 * the guard, which must be small and synchronous; the Preact UI, the record sync (IndexedDB) and the GPP encoder,
 * which the guard loads when they are needed. `vite build --mode guard|ui|sync|gpp` builds one; `npm run build` all.
 */
const entries = {
  guard: { entry: 'client/guard/main.ts', file: 'cordon.js' },
  ui: { entry: 'client/ui/main.tsx', file: 'ui.js' },
  sync: { entry: 'client/sync/main.ts', file: 'sync.js' },
  gpp: { entry: 'client/signals/gpp.ts', file: 'gpp.js' },
} as const;

export default defineConfig(({ mode }) => {
  const bundle = entries[mode as keyof typeof entries];
  if (!bundle) throw new Error(`vite build --mode must be one of ${Object.keys(entries).join(', ')}, not "${mode}"`);
  return {
    publicDir: false,
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      outDir: 'dist/client',
      emptyOutDir: false,
      target: 'es2020',
      minify: true,
      lib: { entry: bundle.entry, formats: ['iife'], name: `cordon_${mode}`, fileName: () => bundle.file },
    },
  };
});
