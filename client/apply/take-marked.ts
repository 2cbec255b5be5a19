import { elementsWithin } from '../core/added-elements.ts';
import { heldPrefix, takenSelector, urlAttributeNames, urlElementSelector } from '../core/url-attributes.ts';
import type { GuardInternals } from '../guard/apply-state.ts';
import type { Held } from '../guard/held.ts';

/**
 * Tags a site marked for Cordon (`<script type="text/plain" data-cordon>`, `data-src`, `<template data-cordon>`) and
 * markup the guard rewrote fetch nothing as they stand, so they wait for this script: it takes those already in the
 * page, then each one as it appears, and calls `taken` so what is allowed comes back. Each is taken once: a released
 * tag the page moves stays as it is.
 */
export function takeMarkedTags(guard: GuardInternals, taken: () => void): void {
  const seen = new WeakSet<Element>();
  const takeWithin = (node: Node): boolean => {
    const marked = elementsWithin(node, takenSelector).filter((element) => !seen.has(element) && isMarked(element));
    for (const element of marked) {
      seen.add(element);
      takeMarked(guard, element);
    }
    return marked.length > 0;
  };
  // The guard's own observer shows what appears in the page, its friendly frames and its shadow roots.
  for (const root of guard.roots) takeWithin(root);
  guard.watchers.push((added) => {
    let any = false;
    for (const node of added) any = takeWithin(node) || any;
    if (any) taken();
  });
}

/** A marked `text/plain` script, `data-src` element or template, or what markup the guard rewrote. */
function isMarked(element: Element): boolean {
  const markedForm = element.localName === 'template' || element.getAttribute('type') === 'text/plain' || element.hasAttribute('data-src');
  if (element.hasAttribute('data-cordon') && markedForm) return true;
  return [...element.attributes].some(({ name }) => name.startsWith(heldPrefix));
}

/** A script loses its `src` until release: it never ran, so changing its type back and inserting it again would run it. */
function takeMarked(guard: GuardInternals, element: Element): void {
  if (element.localName === 'template') return holdTaken(guard, element, firstUrlWithin((element as HTMLTemplateElement).content), false);
  const script = element.localName === 'script';
  const marked = element.hasAttribute('data-cordon');
  const attributes: Record<string, string> = {};
  for (const attribute of urlAttributeNames(element)) {
    const value = element.getAttribute(heldPrefix + attribute) ?? (script ? element.getAttribute(attribute) : null)
      ?? (marked || script ? element.getAttribute(`data-${attribute}`) : null);
    element.removeAttribute(heldPrefix + attribute);
    if (script) element.removeAttribute(attribute);
    if (value !== null) attributes[attribute] = value;
  }
  if (script || Object.keys(attributes).length > 0) holdTaken(guard, element, attributes, script);
}

/**
 * A marked template's content is inert until it is released in its place, when the guard checks each element in it
 * as it is inserted. Its first URL stands for it in the held list, so that URL's vendor also decides.
 */
function firstUrlWithin(content: DocumentFragment): Record<string, string> {
  const inner = content.querySelector(urlElementSelector);
  const attribute = inner && urlAttributeNames(inner).find((name) => inner.hasAttribute(name));
  return attribute ? { [attribute]: inner.getAttribute(attribute)! } : {};
}

/**
 * The URL a marked tag stands for replaces anything the guard held on it (a placeholder `src`), so its vendor's
 * purposes decide; the entry goes where the page met the tag.
 */
function holdTaken({ held, pending, holdElement }: GuardInternals, element: Element, attributes: Record<string, string>, copy: boolean): void {
  const heldByGuard = held.findIndex((entry) => entry.element === element);
  if (heldByGuard >= 0) held.splice(heldByGuard, 1);
  pending.delete(element);
  // A script the parser already met cannot be started again: it comes back as a copy.
  holdElement(element, attributes, copy);
  placeInDocumentOrder(held, held.pop()!);
}

/**
 * Held entries are released in order. The guard met the tags a script inserted in the order they were inserted,
 * which a loader relies on; a marked tag taken later goes before the first of them that follows it in the document.
 */
function placeInDocumentOrder(held: Held[], entry: Held): void {
  const next = held.findIndex(({ element }) => element && entry.element!.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  held.splice(next < 0 ? held.length : next, 0, entry);
}
