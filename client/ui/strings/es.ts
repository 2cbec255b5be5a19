import type { Strings } from './en.ts';

/** Everything the UI says, in Spanish. */
export const spanish: Strings = {
  link: 'Sus opciones de privacidad',
  intro: 'Elija cómo puede usar este sitio su información personal. Su elección se aplica en este navegador y, si ha iniciado sesión, a su cuenta.',
  saleShare: 'No vender ni compartir mi información personal',
  saleShareHint: 'Detiene la venta de su información personal y que se comparta para publicidad conductual entre contextos.',
  limit: 'Limitar el uso de mi información personal confidencial',
  limitHint: 'Su información personal confidencial se usará solo en la medida necesaria para darle lo que pidió.',
  honored: 'Solicitud de exclusión respetada',
  honoredHint: 'Su navegador envió una señal de Control Global de Privacidad, por lo que este sitio no vende ni comparte su información personal.',
  saved: 'Se ha guardado su elección.',
  refused: 'No se pudo guardar su elección. Inténtelo de nuevo.',
  close: 'Cerrar',
  done: 'Listo',
  bannerTitle: 'Su privacidad',
  bannerText: 'Este sitio y sus socios desean usar cookies y tecnologías similares para análisis y publicidad. No se usa nada hasta que usted elija.',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  choose: 'Elegir',
};
