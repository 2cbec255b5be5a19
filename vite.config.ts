import { defineConfig } from 'vite';
import { uiLanguages, uiScript } from './shared/ui-languages.ts';

/**
 * Five classic scripts, each self-contained (an IIFE, so a site's `<script src>` runs it with no module loader):
 * the guard, which must be small and synchronous; the Preact UI, once per language, the apply script (releases,
 * revokes, deletes cookies on a change), the record sync (IndexedDB) and the GPP encoder, which the guard loads when
 * they are needed. `vite build --mode guard|ui-en|ui-es|apply|sync|gpp` builds one; `npm run build` all.
 */
const entries: Record<string, { entry: string; file: string }> = {
  guard: { entry: 'client/guard/main.ts', file: 'cordon.js' },
  ...Object.fromEntries(uiLanguages.map((lang) => [`ui-${lang}`, { entry: `client/ui/${lang}.ts`, file: uiScript(lang) }])),
  apply: { entry: 'client/apply/main.ts', file: 'apply.js' },
  sync: { entry: 'client/sync/main.ts', file: 'sync.js' },
  gpp: { entry: 'client/signals/gpp.ts', file: 'gpp.js' },
};

export default defineConfig(({ mode }) => {
  const bundle = entries[mode];
  if (!bundle) throw new Error(`vite build --mode must be one of ${Object.keys(entries).join(', ')}, not "${mode}"`);
  return {
    publicDir: false,
    // Preact's own h(): the automatic runtime would bundle a second element factory beside it.
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    build: {
      outDir: 'dist/client',
      emptyOutDir: false,
      target: 'es2020',
      // Terser with several passes beats the default minifier by a few per cent on these budgets (gzip -9).
      // Everything sits inside the IIFE, so top-level names are private and may be shortened.
      minify: 'terser',
      terserOptions: {
        ecma: 2020,
        toplevel: true,
        compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
      },
      lib: { entry: bundle.entry, formats: ['iife'], name: `cordon_${mode.replace('-', '_')}`, fileName: () => bundle.file },
    },
  };
});
