import type { HeldFrameStrings } from './en.ts';

export const spanish: HeldFrameStrings = {
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
};
