import type { HeldKind } from '../../shared/client.ts';
import { blockedTarget, type Guard } from './guard.ts';

/** The attributes that make each element fetch or navigate. */
const urlAttributes: Record<string, string[]> = {
  SCRIPT: ['src'], IMG: ['src', 'srcset'], IFRAME: ['src'], LINK: ['href'], SOURCE: ['src', 'srcset'],
  VIDEO: ['src', 'poster'], AUDIO: ['src'], EMBED: ['src'], OBJECT: ['data'],
};
export const urlElementSelector = Object.keys(urlAttributes).join(',');
export const heldPrefix = 'data-cordon-held-';

// Captured before any interceptor replaces them, so releasing never loops back into the guard.
export const nativeSetAttribute = Element.prototype.setAttribute;
export const nativeRemoveAttribute = Element.prototype.removeAttribute;

/** Attributes the guard took off an element, to be put back on release. */
const pending = new WeakMap<Element, Record<string, string>>();

export function urlAttributesOf(element: Element): string[] {
  return urlAttributes[element.tagName] ?? [];
}

export function isHeld(element: Element): boolean {
  return pending.has(element);
}

export function declaredPurposes(element: Element): string[] {
  return (element.getAttribute('data-cordon') ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The first URL of a srcset is enough: every candidate comes from the same place in practice. */
export function urlOf(attribute: string, value: string): string {
  return attribute === 'srcset' ? value.trim().split(/[\s,]+/)[0] ?? '' : value;
}

export function elementTarget(guard: Guard, element: Element, attribute: string, value: string) {
  return blockedTarget(guard, urlOf(attribute, value), declaredPurposes(element));
}

function kindOf(element: Element): HeldKind {
  const tag = element.tagName;
  if (tag === 'SCRIPT' || tag === 'IFRAME' || tag === 'IMG' || tag === 'LINK') return tag.toLowerCase() as HeldKind;
  return 'media';
}

/**
 * Keeps an element but not the attributes that would reach a vendor; releasing sets them on the same element, so
 * whatever a vendor's code attached to it (onload handlers) still fires.
 */
export function holdAttributes(guard: Guard, element: Element, attributes: Record<string, string>): void {
  const already = pending.get(element);
  pending.set(element, { ...already, ...attributes });
  if (already) return;
  const [attribute, value] = Object.entries(attributes)[0]!;
  const target = elementTarget(guard, element, attribute, value) ?? { purposes: declaredPurposes(element) };
  guard.held.hold({ kind: kindOf(element), url: urlOf(attribute, value), vendor: target.vendor, purposes: target.purposes }, () => {
    const held = pending.get(element);
    pending.delete(element);
    for (const [name, heldValue] of Object.entries(held ?? {})) nativeSetAttribute.call(element, name, heldValue);
    if (element instanceof HTMLScriptElement && element.isConnected && !element.async) return settled(element);
  });
}

/**
 * A script the parser (or markup) already met cannot be started again, so it is released as a fresh copy in its
 * place, keeping its attributes, nonce and text; a non-async one is waited for, as the parser would.
 */
export function holdScriptCopy(guard: Guard, script: HTMLScriptElement, src: string | null): void {
  const target = blockedTarget(guard, src, declaredPurposes(script)) ?? { purposes: declaredPurposes(script) };
  pending.set(script, src ? { src } : {});
  guard.held.hold({ kind: 'script', url: src ?? 'inline', vendor: target.vendor, purposes: target.purposes }, () => {
    pending.delete(script);
    const copy = document.createElement('script');
    for (const { name, value } of Array.from(script.attributes)) {
      if (name !== 'type' && !name.startsWith(heldPrefix)) nativeSetAttribute.call(copy, name, value);
    }
    const type = script.getAttribute('data-type');
    if (type) nativeSetAttribute.call(copy, 'type', type);
    copy.nonce = script.nonce;
    copy.async = script.hasAttribute('async');
    if (src) nativeSetAttribute.call(copy, 'src', src);
    else copy.text = script.text;
    script.replaceWith(copy);
    if (src && !copy.async) return settled(copy);
  });
}

function settled(script: HTMLScriptElement): Promise<void> {
  return new Promise((resolve) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => resolve(), { once: true });
  });
}

/** The URL attributes of an element that would reach a vendor whose purposes are not allowed now. */
export function blockedAttributes(guard: Guard, element: Element): Record<string, string> {
  const blocked: Record<string, string> = {};
  for (const attribute of urlAttributesOf(element)) {
    const value = element.getAttribute(attribute);
    if (value !== null && elementTarget(guard, element, attribute, value)) blocked[attribute] = value;
  }
  return blocked;
}

/** Takes every blocked URL attribute off an element that is about to reach the document. */
export function holdBlockedAttributes(guard: Guard, element: Element): void {
  if (isHeld(element)) return;
  const blocked = blockedAttributes(guard, element);
  if (Object.keys(blocked).length === 0) return;
  for (const attribute of Object.keys(blocked)) nativeRemoveAttribute.call(element, attribute);
  holdAttributes(guard, element, blocked);
}

/** An inline script in a JavaScript type whose declared purposes are not allowed now. */
export function isBlockedInlineScript(guard: Guard, element: Element): boolean {
  const purposes = declaredPurposes(element);
  return element instanceof HTMLScriptElement && !element.src && isScriptType(element) && purposes.length > 0 && !guard.isAllowed(purposes);
}

export function isScriptType(script: HTMLScriptElement): boolean {
  const type = script.type.toLowerCase();
  return type === '' || type === 'module' || type.includes('javascript') || type.includes('ecmascript');
}
