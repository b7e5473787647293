import sanitizeHtml from 'sanitize-html';

// What Trix produces, and nothing else: no attributes but safe links, no
// images, scripts, styles, event handlers or data: URLs.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['div', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'pre', 'code', 'a'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

export const NOTE_MAX_CHARS = 50_000;

/** Sanitizes a note's rich text on the server, whatever the browser sent. */
export function sanitizeNoteHtml(html: string): string {
  return sanitizeHtml(html.slice(0, NOTE_MAX_CHARS * 2), { ...OPTIONS, allowedAttributes: { a: ['href', 'rel', 'target'] } }).trim();
}

/** True when the note has visible text after sanitizing (an empty editor sends markup only). */
export function hasVisibleText(html: string): boolean {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/g, '').length > 0;
}
