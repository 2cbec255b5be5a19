import { h } from 'preact';

/** The California opt-out icon (§7015(b)): a toggle with a check on white and a cross on blue. Decorative here, as the text names the link. */
export function OptOutIcon() {
  return (
    <svg class="icon" viewBox="0 0 30 14" aria-hidden="true">
      <rect x=".5" y=".5" width="29" height="13" rx="6.5" fill="#fff" stroke="#06f" />
      <path d="M15 .5h8a6.5 6.5 0 0 1 0 13h-10z" fill="#06f" />
      <path d="M5.5 7.2l2.2 2.2 4-4.4" fill="none" stroke="#06f" stroke-width="1.6" />
      <path d="M19 4.5l5 5m0-5l-5 5" stroke="#fff" stroke-width="1.6" />
    </svg>
  );
}
