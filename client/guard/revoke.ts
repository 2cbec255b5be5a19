import type { Guard } from './guard.ts';
import { elementTarget, holdAttributes, isHeld, nativeSetAttribute } from './hold-element.ts';

/**
 * A frame keeps talking to its vendor for as long as it is loaded, so after an opt-out a frame whose purposes are
 * now forbidden is emptied, and held to come back if they are allowed again.
 */
export function revokeFrames(guard: Guard): void {
  for (const frame of Array.from(document.querySelectorAll('iframe[src]'))) {
    const src = frame.getAttribute('src')!;
    if (isHeld(frame) || !elementTarget(guard, frame, 'src', src)) continue;
    holdAttributes(guard, frame, { src });
    nativeSetAttribute.call(frame, 'src', 'about:blank');
  }
}
