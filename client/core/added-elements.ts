/** A node (an element, fragment or document, of any window) and everything inside it that matches. */
export function elementsWithin(node: Node, selector: string): Element[] {
  if (![1, 9, 11].includes(node.nodeType)) return [];
  const inside = [...(node as ParentNode).querySelectorAll(selector)];
  return node.nodeType === 1 && (node as Element).matches(selector) ? [node as Element, ...inside] : inside;
}

/**
 * The added elements that did not come with their parent (text holds no element). The parser reports a page's
 * <html>, <body>, each list and each item in one batch: searching each would meet an element once per ancestor, so
 * an element whose parent came in the same batch is searched with that parent (and so with the first ancestor that
 * came in it).
 */
export function topmostAdded(mutations: MutationRecord[]): Element[] {
  const added = new Set<Node>();
  // A NodeList is read by index: its iterator costs a large page's parse about 1.5 ms more.
  for (const { addedNodes } of mutations) {
    for (let i = 0; i < addedNodes.length; i++) if (addedNodes[i]!.nodeType === 1) added.add(addedNodes[i]!);
  }
  const topmost: Element[] = [];
  for (const node of added) if (!added.has(node.parentNode!)) topmost.push(node as Element);
  return topmost;
}
