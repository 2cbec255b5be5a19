import type { UiLanguage } from '../../../shared/ui-languages.ts';

/**
 * What the placeholder of a held frame says. It is drawn by the apply script, which every page loads, so both
 * languages ride in it: a few sentences, against the whole UI's strings in each `ui.<lang>.js`.
 */
export interface HeldFrameStrings {
  notLoaded: (what: string) => string;
  /** `gpc`: the browser's signal, rather than the visitor's own choice, keeps it out. */
  why: (purposes: string, gpc: boolean) => string;
  /** The purposes a site may declare, as the visitor reads them; a purpose not named here is shown as it is. */
  purposes: Record<string, string>;
  load: string;
  loadHint: string;
}

export const heldFrameStrings: Record<UiLanguage, HeldFrameStrings> = {
  en: {
    notLoaded: (what) => `${what} is not loaded.`,
    why: (purposes, gpc) => gpc
      ? `It is used for ${purposes}, and your browser's Global Privacy Control signal asks this site not to allow that.`
      : `It is used for ${purposes}, which your privacy choices do not allow.`,
    purposes: {
      sale: 'selling personal information',
      sharing: 'cross-context behavioral advertising',
      sensitive: 'using sensitive personal information',
      analytics: 'analytics',
    },
    load: 'Load for this visit',
    loadHint: 'It loads on this page only; your privacy choices stay as they are.',
  },
  es: {
    notLoaded: (what) => `${what} no se ha cargado.`,
    why: (purposes, gpc) => gpc
      ? `Se usa para ${purposes}, y la señal de Control Global de Privacidad de su navegador pide a este sitio que no lo permita.`
      : `Se usa para ${purposes}, algo que sus opciones de privacidad no permiten.`,
    purposes: {
      sale: 'vender información personal',
      sharing: 'publicidad conductual entre contextos',
      sensitive: 'usar información personal confidencial',
      analytics: 'análisis',
    },
    load: 'Cargar en esta visita',
    loadHint: 'Se carga solo en esta página; sus opciones de privacidad no cambian.',
  },
};
