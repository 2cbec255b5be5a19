import type { HeldKind } from '../../shared/client.ts';
import { blockedTarget, refuse } from './guard.ts';
import { replaceMethod } from './patch.ts';
import type { Realm } from './realm.ts';
import { readArgumentOnce } from './trusted-types.ts';

/**
 * A form a script submits (into a hidden frame, say), a link a script clicks and a window a script opens send what
 * the visitor typed or did to a vendor without the visitor asking: refused while the vendor is held. What the visitor
 * does with a click or a key is theirs, and goes. (A link's `ping` is held as an attribute.)
 */
export function interceptSubmissions(realm: Realm): void {
  const refused = (kind: HeldKind, url: string): boolean => {
    const target = !realm.navigator.userActivation?.isActive && blockedTarget(url, [], realm.document.baseURI);
    if (target) refuse(kind, url, target);
    return !!target;
  };
  replaceMethod(realm.HTMLFormElement.prototype, 'submit', (native, form: HTMLFormElement, args) => {
    if (!refused('form', form.action)) native.apply(form, args);
  });
  // requestSubmit and a submit button clicked by a script end in this event; submit() does not.
  realm.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement;
    const submitter = event.submitter as HTMLButtonElement | null;
    // A button's formAction is the page's own URL when it names none, and the form's action is then what is sent to.
    if (refused('form', submitter?.hasAttribute('formaction') ? submitter.formAction : form.action)) event.preventDefault();
  }, true);
  // Without a click no new window opens, but window.open still sends a frame of the page (a hidden one) elsewhere;
  // so does document.open given a URL, a name and features, which is window.open by another name.
  const open = (native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) => (refused('navigation', readArgumentOnce(args, 0)) ? null : native.apply(self, args));
  replaceMethod(realm, 'open', open);
  replaceMethod(realm.Document.prototype, 'open', (native, self, args) => (args.length > 2 ? open(native, self, args) : native.apply(self, args)));
  realm.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a,area') as HTMLAnchorElement | null;
    // An SVG link's href is an SVGAnimatedString, whichever of href and xlink:href it came from.
    if (!event.isTrusted && link && refused('link-click', (link.href as unknown as SVGAnimatedString).animVal ?? link.href)) {
      event.preventDefault();
      // An SVG link follows a script's click even so: it goes without its URL until the click is over.
      for (const attribute of [...link.attributes].filter(({ localName }) => localName === 'href')) {
        link.removeAttributeNode(attribute);
        setTimeout(() => link.setAttributeNode(attribute));
      }
    }
  }, true);
}
