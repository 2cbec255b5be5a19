import { effect, untracked } from '@preact/signals-core';
import { h, render } from 'preact';
import { App } from './app.tsx';
import { createConsole } from './store.ts';
import './styles.css';

/**
 * One effect renders the whole console, so every signal a view reads is tracked and a change re-renders (Preact
 * diffs it), as the script's UI does with signals-core. Forms are left uncontrolled and read on submit.
 */
const app = createConsole();
const root = document.getElementById('console')!;
effect(() => render(<App app={app} />, root));

effect(() => {
  const t = app.language.strings();
  document.documentElement.lang = app.language.lang.value;
  document.title = `${t.title} · Cordon`;
});

/**
 * Entering a page loads what it shows. Moving to another page (not refiltering this one), or arriving on one by
 * signing in, puts focus on its heading; a page opened directly keeps the browser's own starting point.
 */
let shownPage: string | undefined;
effect(() => {
  const route = app.router.route.value;
  if (!app.session.key.value) {
    shownPage = '';
    return;
  }
  untracked(() => app.enter(route));
  const page = route.page === 'request' ? `request:${route.id}` : route.page;
  if (shownPage !== undefined && page !== shownPage) requestAnimationFrame(() => document.getElementById('page-heading')?.focus());
  shownPage = page;
});
