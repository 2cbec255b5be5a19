import { guardStyleText } from './intercept-css.ts';
import { closedRootMark, isParser, rewriteMarkup } from './markup.ts';
import { wrapMethod, wrapSetter } from './patch.ts';
import { holdRulesOnNewBase, observe } from './intercept-insertion.ts';
import { guardFrame, type Realm } from './realm.ts';
import { readOnce } from './trusted-types.ts';

/**
 * HTML strings (innerHTML, outerHTML, setHTML(Unsafe), insertAdjacentHTML, createContextualFragment, document.write
 * while parsing) become elements without any setter running, so the markup is rewritten first; a frame the markup
 * made has a window of its own to guard at once, before the tag that wrote it reaches into it.
 */
export function interceptMarkup(realm: Realm): void {
  const guardWhatMarkupMade = (self: Node, html: unknown) => {
    // Markup may bring a `<base href>`.
    holdRulesOnNewBase();
    const scope = (self.parentNode ?? self) as ParentNode;
    if (/<i?frame/i.test(String(html))) for (const frame of scope.querySelectorAll('iframe,frame')) guardFrame(frame);
    // What a template's `setHTMLUnsafe` parses goes into its content.
    observeShadowRootsIn((self as Element).localName === 'template' ? (self as HTMLTemplateElement).content : (self as ParentNode), html);
  };
  for (const [owner, property] of [['Element', 'innerHTML'], ['Element', 'outerHTML'], ['ShadowRoot', 'innerHTML']] as const) {
    wrapSetter(realm[owner].prototype, property, (self: Element, markup, nativeSet) => {
      if (isParser(self)) return nativeSet(markup);
      const value = readOnce(markup);
      guardStyleText(self, value);
      nativeSet(rewriteMarkup(value, property === 'outerHTML' ? self.parentNode : self));
      guardWhatMarkupMade(self, value);
    });
  }
  // Markup is parsed in the element it goes into; `setHTMLUnsafe` and `parseHTMLUnsafe` make its declarative shadow roots.
  const rewrite = (index: number, declarative?: boolean) => (args: unknown[], self?: Node) => {
    const inside = index === 0 || /^(afterbegin|beforeend)$/i.test(String(args[0]));
    if (args.length > index) args[index] = rewriteMarkup(args[index], inside ? self : self?.parentNode, declarative);
  };
  const rewriteArgument = (owner: { prototype: object } | undefined, method: string, index: number, declarative?: boolean) =>
    wrapMethod(owner?.prototype, method, rewrite(index, declarative), (args, self) => guardWhatMarkupMade(self, args[index]));
  rewriteArgument(realm.Element, 'insertAdjacentHTML', 1);
  // The sanitizing setHTML keeps what its configuration allows, which may be an image: its markup is rewritten too.
  for (const [method, declarative] of [['setHTMLUnsafe', true], ['setHTML', false]] as const) {
    rewriteArgument(realm.Element, method, 0, declarative);
    rewriteArgument(realm.ShadowRoot, method, 0, declarative);
  }
  // Frames in a range's fragment or a document parsed apart load only once inserted, where they are guarded; such a
  // document keeps its declarative shadow roots, watched before they move into the page.
  wrapMethod(realm.Range.prototype, 'createContextualFragment', rewrite(0));
  for (const [method, declarative] of [['parseHTMLUnsafe', true], ['parseHTML', false]] as const) {
    wrapMethod(realm.Document, method, rewrite(0, declarative), (args, _, parsed: Document) => observeShadowRootsIn(parsed, args[0]));
  }
  for (const method of ['write', 'writeln']) {
    // The parser reads all the pieces as one string, so they are rewritten as one; it makes declarative shadow roots.
    wrapMethod(realm.Document.prototype, method, (pieces) => void pieces.splice(0, pieces.length, rewriteMarkup(pieces.length === 1 ? pieces[0] : pieces.join(''), undefined, true)), (pieces, self) => guardWhatMarkupMade(self, pieces[0]));
  }
}

/**
 * An open declarative shadow root, and each one inside it, is watched like the document, so what its markup held is
 * released in place; one a parsed document brings along is watched before it moves into the page. A closed one that
 * holds something was left a template (see rewriteMarkup): it is attached here, and so watched as well.
 */
function observeShadowRootsIn(scope: ParentNode, html: unknown): void {
  if (!/shadowrootmode/i.test(String(html))) return;
  for (const template of scope.querySelectorAll(`template[${closedRootMark}]`)) {
    const root = attachClosedRoot(template as HTMLTemplateElement, scope);
    if (root) observeShadowRootsIn(root, html);
  }
  for (const host of scope.querySelectorAll('*')) {
    if (host.shadowRoot) {
      observe(host.shadowRoot);
      observeShadowRootsIn(host.shadowRoot, html);
    }
  }
}

/**
 * Attaches the closed root a marked template stands for, filled with its content, as the parser would have. The
 * parser attaches none where the template is on top of what it parsed, nor to a host that cannot take one: the
 * template stays there, with its mode.
 */
function attachClosedRoot(template: HTMLTemplateElement, scope: ParentNode): ShadowRoot | undefined {
  const option = (name: string) => template.hasAttribute(`shadowroot${name}`);
  template.removeAttribute(closedRootMark);
  if (template.parentNode !== scope) {
    try {
      const root = template.parentElement!.attachShadow({ mode: 'closed', delegatesFocus: option('delegatesfocus'), clonable: option('clonable'), serializable: option('serializable') });
      root.append(template.content);
      template.remove();
      return root;
    } catch {
      // A host that cannot take a root, or has one.
    }
  }
  template.setAttribute('shadowrootmode', 'closed');
}
