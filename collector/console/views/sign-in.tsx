import { h } from 'preact';
import { LanguageButton } from './language-button.tsx';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';

export function SignIn({ app, t }: { app: ConsoleApp; t: Strings }) {
  const { problem, checking } = app.session;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const typed = String(new FormData(form).get('key') ?? '');
    void app.session.signIn(typed).then((ok) => {
      if (ok) form.reset();
      else form.querySelector<HTMLInputElement>('#key')?.focus();
    });
  };
  const error = problem.value;
  return (
    <main id="main" class="sign-in">
      <div class="sign-in-top"><LanguageButton app={app} t={t} /></div>
      <h1>{t.signIn.heading}</h1>
      <p>{t.signIn.intro}</p>
      <form onSubmit={onSubmit} noValidate>
        <label for="key">{t.signIn.keyLabel}</label>
        <input id="key" name="key" type="password" autocomplete="off" spellcheck={false} required
          aria-invalid={error && error !== 'revoked' ? 'true' : undefined} aria-describedby={error ? 'key-problem' : undefined} />
        <p id="key-problem" class="problem" role="alert">{error ? t.signIn[error] : ''}</p>
        <button type="submit" class="button" disabled={checking.value}>{checking.value ? t.signIn.checking : t.signIn.submit}</button>
      </form>
    </main>
  );
}
