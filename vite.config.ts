import { minify } from '@swc/core';
import { defineConfig, type Plugin } from 'vite';
import { heldFrameScript, uiLanguages, uiScript } from './shared/ui-languages.ts';

/**
 * Six classic scripts, each self-contained (an IIFE, so a site's `<script src>` runs it with no module loader):
 * the guard, which must be small and synchronous; the Preact UI, once per language, the apply script (releases,
 * revokes, deletes cookies on a change), the note in a held frame's place, once per language, the record sync
 * (IndexedDB) and the GPP encoder, which the guard or the apply script loads when they are needed. And the staff
 * console, served by the collector at /console with its stylesheet beside it.
 * `vite build --mode guard|ui-en|ui-es|apply|held-frame-en|held-frame-es|sync|gpp|console` builds one; `npm run build`
 * all.
 */
const entries: Record<string, { entry: string; file: string; minifier?: 'terser'; outDir?: string; module?: true }> = {
  guard: { entry: 'client/guard/main.ts', file: 'cordon.js' },
  ...Object.fromEntries(uiLanguages.map((lang) => [`ui-${lang}`, { entry: `client/ui/${lang}.ts`, file: uiScript(lang) }])),
  apply: { entry: 'client/apply/main.ts', file: 'apply.js' },
  ...Object.fromEntries(uiLanguages.map((lang) => [`held-frame-${lang}`, { entry: `client/held-frame/${lang}.ts`, file: heldFrameScript(lang) }])),
  sync: { entry: 'client/sync/main.ts', file: 'sync.js' },
  // Terser leaves @iabgpp/cmpapi 5% smaller than SWC does (18.2 against 19.2 KB gzip -9); SWC wins on our own code.
  gpp: { entry: 'client/signals/gpp.ts', file: 'gpp.js', minifier: 'terser' },
  // An ES module (the page loads it with type="module"), so the dashboard's charts can be a chunk of their own,
  // charts.js, which import() brings in only when a chart is shown; the queue, the first screen, never loads it.
  console: { entry: 'collector/console/main.tsx', file: 'console.js', outDir: 'dist/console', module: true },
};

export default defineConfig(({ mode }) => {
  const bundle = entries[mode];
  if (!bundle) throw new Error(`vite build --mode must be one of ${Object.keys(entries).join(', ')}, not "${mode}"`);
  return {
    publicDir: false,
    plugins: bundle.minifier ? [] : [minifyWithSwc(bundle.module ?? false)],
    // Preact's own h(): the automatic runtime would bundle a second element factory beside it.
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    build: {
      outDir: bundle.outDir ?? 'dist/client',
      emptyOutDir: bundle.outDir !== undefined, // dist/console holds the console's files alone; dist/client is shared
      target: bundle.module ? 'es2022' : 'es2020',
      minify: bundle.minifier ?? false,
      terserOptions: { ecma: 2020, toplevel: true, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true } },
      cssMinify: true,
      lib: {
        entry: bundle.entry, formats: [bundle.module ? 'es' : 'iife'], name: `cordon_${mode.replaceAll('-', '_')}`, fileName: () => bundle.file,
        cssFileName: bundle.file.replace(/\.js$/, ''),
      },
      // A chunk is named after its module, with no hash: the collector serves each by a fixed name (with an etag).
      rolldownOptions: { output: { chunkFileNames: '[name].js' } },
    },
  };
});

/**
 * SWC's minifier leaves the guard 100 bytes (2%) smaller than Terser and 4% smaller than Vite's default, in gzip -9,
 * which is what its budget counts. It runs on the finished chunk, where everything sits inside the IIFE (or, for the
 * console, a module, whose exports keep their names), so top-level names are private and may be shortened.
 */
function minifyWithSwc(module: boolean): Plugin {
  const swcOptions = {
    ecma: 2020,
    module,
    toplevel: true,
    compress: { passes: 3, toplevel: true, pure_getters: true, unsafe_arrows: true, unsafe_methods: true },
    mangle: { toplevel: true },
  } as const;
  return {
    name: 'cordon:minify-with-swc',
    async generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = (await minify(chunk.code, swcOptions)).code;
      }
    },
  };
}
