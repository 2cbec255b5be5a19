import { h } from 'preact';
import { signal } from '@preact/signals-core';
import { messageOf } from '../loadable.ts';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';

const problem = signal<{ id: string; message: string } | null>(null);

/** The signed proof of a completed request (GET /v1/admin/requests/:id/attestation), downloaded with the session's key. */
export function AttestationDownload({ app, t, id }: { app: ConsoleApp; t: Strings; id: string }) {
  const failed = problem.value?.id === id ? problem.value.message : null;
  const download = () => {
    problem.value = null;
    app.api.download(`/v1/admin/requests/${id}/attestation`, `attestation-${id}.json`)
      .catch((error: unknown) => { problem.value = { id, message: messageOf(error) }; });
  };
  return (
    <div>
      <p>{t.request.attestationIntro}</p>
      <button type="button" class="button secondary" onClick={download}>{t.request.attestationDownload}</button>
      {failed && <p class="problem" role="alert">{t.request.attestationUnavailable(failed)}</p>}
    </div>
  );
}
