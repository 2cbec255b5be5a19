import { h } from 'preact';
import type { ConsoleApp } from './store.ts';
import { Dashboard } from './views/dashboard.tsx';
import { LanguageButton } from './views/language-button.tsx';
import { QueueView } from './views/queue.tsx';
import { RequestView } from './views/request.tsx';
import { SignIn } from './views/sign-in.tsx';

/** The page frame: skip link, navigation, language and sign-out, the live region, and the page the route names. */
export function App({ app }: { app: ConsoleApp }) {
  const t = app.language.strings();
  if (!app.session.key.value) return <SignIn app={app} t={t} />;
  const route = app.router.route.value;
  return (
    <div class="frame">
      <a class="skip" href="#main">{t.skipToContent}</a>
      <header class="top">
        <p class="brand">Cordon · {t.title}</p>
        <nav aria-label={t.nav.label}>
          <ul class="nav">
            <li><a href="#/queue" aria-current={route.page === 'queue' ? 'page' : undefined}>{t.nav.queue}</a></li>
            <li><a href="#/dashboard" aria-current={route.page === 'dashboard' ? 'page' : undefined}>{t.nav.dashboard}</a></li>
          </ul>
        </nav>
        <LanguageButton app={app} t={t} />
        <button type="button" class="button secondary" onClick={app.session.signOut}>{t.nav.signOut}</button>
      </header>
      <p class="announcement" role="status">{app.announcement.value}</p>
      <main id="main" tabIndex={-1}>
        {route.page === 'queue' && <QueueView app={app} t={t} filters={route.filters} />}
        {route.page === 'request' && <RequestView app={app} t={t} id={route.id} />}
        {route.page === 'dashboard' && <Dashboard app={app} t={t} />}
      </main>
    </div>
  );
}
