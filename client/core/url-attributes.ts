/**
 * The attributes that make each element fetch or navigate, by tag name (SVG's are lower case). A `<style>` fetches
 * by its text, held through its `type`; an `<iframe srcdoc>` by the markup in it.
 */
export const urlAttributes: Record<string, string> = {
  SCRIPT: 'src', IMG: 'src srcset', IFRAME: 'src srcdoc', FRAME: 'src', LINK: 'href imagesrcset', SOURCE: 'src srcset', VIDEO: 'src poster',
  AUDIO: 'src', TRACK: 'src', EMBED: 'src', OBJECT: 'data', INPUT: 'src', A: 'ping', AREA: 'ping', BODY: 'background', TABLE: 'background',
  TD: 'background', TH: 'background', STYLE: 'type', image: 'href xlink:href', feImage: 'href xlink:href', use: 'href xlink:href',
  script: 'href xlink:href',
};
/** Any element's inline style may fetch through `url()` or `image-set("…")`. */
const styledSelector = '[style*=url i],[style*=image-set i]';
export const urlElementSelector = `${Object.keys(urlAttributes).join()},${styledSelector}`;
/** Elements the guard and the apply script look at: those that fetch, and those a site marked for Cordon. */
export const guardedSelector = `${urlElementSelector},[data-cordon]`;
export const urlAttributeNames = (element: Element): string[] => [...urlAttributes[element.tagName]?.split(' ') ?? [], 'style'];

/** Where rewritten markup keeps a URL the guard held: an attribute of this prefix fetches nothing. */
export const heldPrefix = 'data-cordon-held-';
