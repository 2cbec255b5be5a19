import { h } from 'preact';
import type { Strings } from '../strings/en.ts';

export function Failed({ t, message, onRetry }: { t: Strings; message: string; onRetry: () => void }) {
  return (
    <div class="failed" role="alert">
      <p>{t.common.error(message)}</p>
      <button type="button" class="button secondary" onClick={onRetry}>{t.common.retry}</button>
    </div>
  );
}
