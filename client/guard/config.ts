import type { ClientConfig } from '../../shared/client.ts';

// The collector replaces this string with the site's configuration when it serves the script.
export const configJson = '__CORDON_CONFIG__';
export const config = JSON.parse(configJson) as ClientConfig;

export const script = document.currentScript as HTMLScriptElement | null;
/** The guard's own URL: the collector's host is never held, and the later scripts sit beside it. */
export const scriptUrl = new URL(script?.src || location.href);
