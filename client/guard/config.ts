import type { ClientConfig } from '../../shared/client.ts';

// The collector replaces this string with the site's configuration when it serves the script.
export const config = JSON.parse('__CORDON_CONFIG__') as ClientConfig;

export const script = document.currentScript as HTMLScriptElement | null;
/** The guard's own URL: the collector's host is never held, and the later scripts sit beside it. */
export const scriptUrl = new URL(script?.src || location.href);
