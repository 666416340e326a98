/**
 * DOM helpers that put text into the page only through textContent and
 * attributes, never through innerHTML, so task data always shows as text.
 */

/**
 * Creates an element.
 * @param {string} tag element name
 * @param {object} [props] `text`, `className`, `attrs` (attribute map), `on` (event map)
 * @param {Array<Node|string|null>} [children] nodes or strings; strings become text nodes
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const [type, handler] of Object.entries(props.on || {})) node.addEventListener(type, handler);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Removes every child of a node. */
export function clear(node) {
  node.replaceChildren();
}

/** Returns the element with this id, or throws so a page/script mismatch shows at once. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Element #${id} is missing from the page`);
  return node;
}
