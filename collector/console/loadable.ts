import { signal, type Signal } from '@preact/signals-core';
import { ApiError } from './api.ts';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; message: string };

/**
 * A value the console fetches: `load` replaces it, and an answer that arrives after a newer load started is dropped,
 * so a slow page never overwrites the one the person moved on to.
 */
export function loadable<T>(): { value: Signal<Loadable<T>>; load(fetch: () => Promise<T>): Promise<void>; reset(): void } {
  const value = signal<Loadable<T>>({ state: 'loading' });
  let latest = 0;
  return {
    value,
    reset() {
      latest += 1;
      value.value = { state: 'loading' };
    },
    async load(fetch) {
      const mine = ++latest;
      if (value.peek().state !== 'ready') value.value = { state: 'loading' };
      try {
        const data = await fetch();
        if (mine === latest) value.value = { state: 'ready', data };
      } catch (error) {
        if (mine === latest) value.value = { state: 'failed', message: messageOf(error) };
      }
    },
  };
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
