/** Everything the UI says, in English; the statutory titles are the wording §1798.135 and §7025 use. */
export const english = {
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
