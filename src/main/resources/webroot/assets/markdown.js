/**
 * Safe Markdown rendering for task notes. Two layers keep task text inert:
 * marked is told to show raw HTML in the Markdown as text, and DOMPurify then
 * removes anything active that Markdown itself can produce (for example a
 * `javascript:` link). The result is a DOM fragment, never an HTML string.
 */
import { Marked } from './vendor/marked/marked.esm.js';
import DOMPurify from './vendor/dompurify/purify.es.js';

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

const markdown = new Marked({ gfm: true, breaks: false, async: false });
markdown.use({
  renderer: {
    // Block and inline HTML inside notes shows as written instead of becoming markup.
    html(token) {
      return escapeHtml(token.text);
    },
  },
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY_OPTIONS = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  FORBID_ATTR: ['style'],
  RETURN_DOM_FRAGMENT: true,
};

/** Renders Markdown text to a sanitised DOM fragment. */
export function renderMarkdown(text) {
  const html = markdown.parse(String(text ?? ''));
  return DOMPurify.sanitize(html, PURIFY_OPTIONS);
}
