/** The attributes that make each element fetch or navigate. */
export const urlAttributes: Record<string, string> = {
  SCRIPT: 'src', IMG: 'src srcset', IFRAME: 'src', LINK: 'href', SOURCE: 'src srcset', VIDEO: 'src poster', AUDIO: 'src', EMBED: 'src', OBJECT: 'data',
};
export const urlElementSelector = Object.keys(urlAttributes).join();
/** Elements the guard and the apply script look at: those that fetch, and those a site marked for Cordon. */
export const guardedSelector = `${urlElementSelector},[data-cordon]`;
export const urlAttributeNames = (element: Element): string[] => urlAttributes[element.tagName]?.split(' ') ?? [];

/** Where rewritten markup keeps a URL the guard held: an attribute of this prefix fetches nothing. */
export const heldPrefix = 'data-cordon-held-';
