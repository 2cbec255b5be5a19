/**
 * The attributes that make each element fetch or navigate, by tag name (SVG's are lower case). A `<style>` (HTML's
 * or SVG's) fetches by its text, held through its `type`; an `<iframe srcdoc>` by the markup in it; an SVG animation
 * by the value it gives an `href`.
 */
export const urlAttributes: Record<string, string> = {
  SCRIPT: 'src', IMG: 'src srcset', IFRAME: 'src srcdoc', FRAME: 'src', LINK: 'href imagesrcset', SOURCE: 'src srcset', VIDEO: 'src poster',
  AUDIO: 'src', TRACK: 'src', EMBED: 'src', OBJECT: 'data', INPUT: 'src', A: 'ping', AREA: 'ping', BODY: 'background', TABLE: 'background',
  THEAD: 'background', TBODY: 'background', TFOOT: 'background', TR: 'background', TD: 'background', TH: 'background', COLGROUP: 'background',
  COL: 'background', STYLE: 'type', style: 'type', image: 'href xlink:href', feImage: 'href xlink:href', use: 'href xlink:href', script: 'href xlink:href',
  a: 'ping', set: 'to', animate: 'from to values',
};
/** Where rewritten markup keeps a URL the guard held: an attribute of this prefix fetches nothing. */
export const heldPrefix = 'data-cordon-held-';
/**
 * SVG's presentation attributes whose `url()` fetches another document (a paint server, a mask, a clip path, a marker,
 * a cursor); a filter from another document is not fetched.
 */
export const svgUrlAttributes = ['fill', 'stroke', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end', 'cursor'];
/**
 * Any element's inline style may fetch through `url()` or `image-set("…")`, and an SVG element's presentation
 * attributes through `url()`, whose name CSS also reads escaped (`u\72l(`).
 */
const styledSelector = `[style*=image-set i],${['style', ...svgUrlAttributes].map((name) => `[${name}*=url i],[${name}*="\\\\"]`).join()}`;
/**
 * Most elements (a link, a paragraph) carry no attribute that fetches, and are not looked at: an element is chosen
 * by such an attribute, or by its tag where that attribute is `href` (a link's is not always a fetch), a `<style>`'s
 * text, or a frame (an object, an embed), which has a window to guard even when empty.
 */
const fetchingSelector = [...new Set(Object.entries(urlAttributes).flatMap(([tag, names]) =>
  names.split(' ').map((name) => (/href|type/.test(name) || /FRAME|OBJ|EMB/.test(tag) ? tag : `[${name}]`))))].join();
export const urlElementSelector = `${fetchingSelector},${styledSelector}`;
/** Elements the guard looks at: those that fetch, and those a site marked for Cordon. */
export const guardedSelector = `${urlElementSelector},[data-cordon]`;
/** Elements the apply script takes: those the guard looks at, and markup the guard rewrote. */
export const takenSelector = `${guardedSelector},${[...new Set(`${Object.values(urlAttributes).join(' ')} style ${svgUrlAttributes.join(' ')}`.split(' '))]
  .map((name) => `[${heldPrefix}${name.replace(':', '\\:')}]`).join()}`;
export const urlAttributeNames = (element: Element): string[] =>
  [...urlAttributes[element.tagName]?.split(' ') ?? [], 'style', ...(element.namespaceURI === 'http://www.w3.org/2000/svg' ? svgUrlAttributes : [])];
