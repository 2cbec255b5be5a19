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
  const refused = (kind: HeldKind, url: string) => refusedIn(realm, kind, url);
  replaceMethod(realm.HTMLFormElement.prototype, 'submit', (native, form: HTMLFormElement, args) => {
    if (!refused('form', form.action)) native.apply(form, args);
  });
  guardSubmitsAndClicks(realm);
  // Without a click no new window opens, but window.open still sends a frame of the page (a hidden one) elsewhere;
  // so does document.open given a URL, a name and features, which is window.open by another name.
  const open = (native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) => (refused('navigation', readArgumentOnce(args, 0)) ? null : native.apply(self, args));
  replaceMethod(realm, 'open', open);
  replaceMethod(realm.Document.prototype, 'open', (native, self, args) => (args.length > 2 ? open(native, self, args) : native.apply(self, args)));
}

function refusedIn(realm: Realm, kind: HeldKind, url: string): boolean {
  const target = !realm.navigator.userActivation?.isActive && blockedTarget(url, [], realm.document.baseURI);
  if (target) refuse(kind, url, target);
  return !!target;
}

/**
 * A window, or a shadow root: a submit event stays in the root its form is in, and a click seen from outside a root
 * names the root's host, not the link inside it.
 */
export function guardSubmitsAndClicks(scope: Realm | ShadowRoot): void {
  // The window of the document the event is in: a root's document may have moved into a frame's since.
  const refused = (event: Event, kind: HeldKind, url: string) => {
    const realm = (event.target as Node).ownerDocument?.defaultView as Realm | null;
    return !!realm && refusedIn(realm, kind, url);
  };
  // requestSubmit and a submit button clicked by a script end in this event; submit() does not.
  scope.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement;
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    // A button's formAction is the page's own URL when it names none, and the form's action is then what is sent to.
    if (refused(event, 'form', submitter?.hasAttribute('formaction') ? submitter.formAction : form.action)) event.preventDefault();
  }, true);
  scope.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a,area') as HTMLAnchorElement | null;
    // An SVG link's href is an SVGAnimatedString, whichever of href and xlink:href it came from.
    if (!event.isTrusted && link && refused(event, 'link-click', (link.href as unknown as SVGAnimatedString).animVal ?? link.href)) {
      event.preventDefault();
      // An SVG link follows a script's click even so: it goes without its URL until the click is over.
      for (const attribute of [...link.attributes].filter(({ localName }) => localName === 'href')) {
        link.removeAttributeNode(attribute);
        setTimeout(() => link.setAttributeNode(attribute));
      }
    }
  }, true);
}
