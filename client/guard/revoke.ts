import { elementTarget, holdElement, isHeld, nativeSetAttribute } from './hold-element.ts';

/**
 * A frame keeps talking to its vendor for as long as it is loaded, so after an opt-out a frame whose purposes are
 * now forbidden is emptied, and held to come back if they are allowed again.
 */
export function revokeFrames(): void {
  for (const frame of document.querySelectorAll('iframe[src]')) {
    const src = frame.getAttribute('src')!;
    if (isHeld(frame) || !elementTarget(frame, 'src', src)) continue;
    holdElement(frame, { src });
    nativeSetAttribute.call(frame, 'src', 'about:blank');
  }
}
