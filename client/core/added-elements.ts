/** A node (an element, fragment or document, of any window) and everything inside it that matches. */
export function elementsWithin(node: Node, selector: string): Element[] {
  if (![1, 9, 11].includes(node.nodeType)) return [];
  const inside = [...(node as ParentNode).querySelectorAll(selector)];
  return node.nodeType === 1 && (node as Element).matches(selector) ? [node as Element, ...inside] : inside;
}

/**
 * The added nodes that did not come with their parent. The parser reports a page's <html>, <body>, each list and each
 * item in one batch: searching each would meet an element once per ancestor, so a node whose parent came in the
 * same batch is searched with that parent (and so with the first ancestor that came in it).
 */
export function topmostAdded(mutations: MutationRecord[]): Node[] {
  const added = new Set(mutations.flatMap((mutation) => [...mutation.addedNodes]));
  return [...added].filter((node) => !added.has(node.parentNode!));
}
