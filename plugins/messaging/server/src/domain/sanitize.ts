// Every writer (API, socket, webhook, automation, seed) stores bodies through this one policy, so a browser never sees unvetted markup.
import sanitizeHtml from 'sanitize-html';

/** API.md "Bodies": the only tags a message body may keep. */
export const MESSAGE_ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a'];

export interface SanitizedBody {
  bodyHtml: string;
  bodyText: string;
}

const EXTERNAL_SCHEMES = ['http', 'https', 'mailto', 'tel'];

/** Elements whose content is code, media or metadata rather than prose: dropped with everything inside them. */
const DISCARDED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math',
  'template', 'title', 'xmp', 'noembed', 'noframes', 'plaintext',
];

const BLOCK_TAGS = 'p|pre|blockquote|ul|ol';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities sanitize-html can emit (named basics and numeric) in one pass, so `&amp;lt;` stays `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (entity, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const codePoint = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
    const printable = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return printable ? String.fromCodePoint(codePoint) : '\uFFFD';
  });
}

// Controls, whitespace, zero-width characters and BOM: browsers strip or skip some of them in URLs, so none may hide a scheme.
// eslint-disable-next-line no-control-regex
const URL_INVISIBLES = /[\u0000-\u0020\u007f-\u009f\u00a0\u200b-\u200d\u2060\ufeff]/g;

/** An allowed destination: http(s)/mailto/tel, or a site path with exactly one leading slash (`//host` and `/\host` leave the site). */
const isAllowedDestination = (href: string): boolean => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
  if (scheme) return EXTERNAL_SCHEMES.includes(scheme[1].toLowerCase());
  return /^\/(?![/\\])/.test(href);
};

/**
 * The href to keep, or undefined to drop it. Both the value a browser will see (trimmed) and a normalised
 * reading of it (entities decoded again, invisibles removed) must pass, so no encoding trick changes the verdict.
 */
function safeHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const asSeen = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const normalised = decodeEntities(asSeen).replace(URL_INVISIBLES, '');
  return isAllowedDestination(asSeen) && isAllowedDestination(normalised) ? asSeen : undefined;
}

/** Internal links stay in the same tab; external ones open a new tab that cannot reach back to this page. */
function linkAttributes(href: string | undefined): sanitizeHtml.Attributes {
  if (href === undefined) return {};
  if (href.startsWith('/')) return { href };
  return { href, rel: 'noopener noreferrer', target: '_blank' };
}

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: MESSAGE_ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: EXTERNAL_SCHEMES,
  allowedSchemesByTag: { a: EXTERNAL_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DISCARDED_WITH_CONTENT,
  transformTags: {
    // Rebuilds the attributes from scratch: user-supplied target, rel and anything else never survive.
    a: (tagName, attribs) => ({ tagName, attribs: linkAttributes(safeHref(attribs.href)) }),
  },
  // A link that lost its href is unwrapped: its text stays, the <a> goes.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** Plain text a notification, SMS or search index can use: block boundaries and <br> become newlines. */
function textOf(safeHtml: string): string {
  const withBreaks = safeHtml
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/li>/gi, '\n')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS})>`, 'gi'), '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(withBreaks)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The one sanitizer for message bodies (DOMAIN.md "Message bodies"); accepts HTML or plain text. */
export function sanitizeMessageHtml(input: string): SanitizedBody {
  // Postgres text cannot hold NUL, and browsers never honour it inside markup.
  // eslint-disable-next-line no-control-regex
  const bodyHtml = sanitizeHtml(input.replace(/\u0000/g, ''), POLICY).trim();
  return { bodyHtml, bodyText: textOf(bodyHtml) };
}

/** True when nothing readable is left; callers answer 400 (API.md "Bodies"). */
export const isEmptyAfterSanitizing = (result: SanitizedBody): boolean => result.bodyText.trim() === '';
