import type { CordonApi } from './guard/api.ts';

/** Trusted Types, https://w3c.github.io/trusted-types/dist/spec/ (Chromium only, so not in TypeScript's DOM). */
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: Record<'createHTML' | 'createScript' | 'createScriptURL', (text: string) => string>): Record<'createHTML' | 'createScript' | 'createScriptURL', (text: string) => object>;
  isHTML(value: unknown): boolean;
  isScript(value: unknown): boolean;
  isScriptURL(value: unknown): boolean;
}

declare global {
  interface Window {
    Cordon: CordonApi;
    trustedTypes?: TrustedTypePolicyFactory;
  }
  interface Navigator {
    /** Global Privacy Control, https://privacycg.github.io/gpc-spec/ */
    readonly globalPrivacyControl?: boolean;
  }
}
