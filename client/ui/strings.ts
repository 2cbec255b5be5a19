/** Everything the UI says, in the languages it speaks; the statutory titles are the wording §1798.135 and §7025 use. */
const english = {
  link: 'Your Privacy Choices',
  intro: 'Choose how this site may use your personal information. Your choice applies in this browser and, when you are signed in, to your account.',
  saleShare: 'Do Not Sell or Share My Personal Information',
  saleShareHint: 'Stops the sale of your personal information and its sharing for cross-context behavioral advertising.',
  limit: 'Limit the Use of My Sensitive Personal Information',
  limitHint: 'Your sensitive personal information is then used only as needed to provide what you asked for.',
  honored: 'Opt-Out Request Honored',
  honoredHint: 'Your browser sent a Global Privacy Control signal, so this site does not sell or share your personal information.',
  saved: 'Your choice has been saved.',
  refused: 'Your choice could not be saved. Please try again.',
  close: 'Close',
  done: 'Done',
  bannerTitle: 'Your privacy',
  bannerText: 'This site and its partners would like to use cookies and similar technologies for analytics and advertising. Nothing is used until you choose.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose',
};
export type Strings = typeof english;

const spanish: Strings = {
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

const languages: Record<string, Strings> = { en: english, es: spanish };

/** The page's declared language wins over the browser's, as the UI sits inside the page's text. */
export function stringsFor(pageLang: string, browserLanguages: readonly string[]): { lang: string; t: Strings } {
  for (const tag of [pageLang, ...browserLanguages]) {
    const lang = tag.toLowerCase().split('-')[0]!;
    if (languages[lang]) return { lang, t: languages[lang] };
  }
  return { lang: 'en', t: english };
}
