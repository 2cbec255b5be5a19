import type { CordonApi } from './guard/api.ts';

declare global {
  interface Window {
    Cordon: CordonApi;
  }
  interface Navigator {
    /** Global Privacy Control, https://privacycg.github.io/gpc-spec/ */
    readonly globalPrivacyControl?: boolean;
  }
}
