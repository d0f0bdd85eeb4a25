import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import LinkifyIt from 'linkify-it';

/**
 * The anti-poaching detector (OPS §4.8, API.md "Anti-poaching policy"): the contact details in a message — phone
 * numbers, e-mail addresses, links and social handles — including the ways people disguise them. Pure: text in,
 * findings out, each with its place in the original text so it can be redacted.
 *
 * How: the text is normalised first (full-width and other compatibility characters, lower case, digits spelled as
 * words, look-alike letters among digits, digits spread out by spaces and dots, "at"/"dot" spelled out), keeping for
 * every normalised character the span of the original it came from. Then libphonenumber-js finds the phone numbers,
 * linkify-it the links, and the hand-written patterns below the e-mail addresses and social handles.
 */

export type ContactType = 'phone_number' | 'email' | 'url' | 'social_handle';

export interface Finding {
  type: ContactType;
  /** The span in the original text, [start, end). */
  start: number;
  end: number;
  /** The original text of the span. */
  text: string;
}

export interface DetectorContext {
  /** The business's own numbers (E.164): saying them is never a violation. */
  ownNumbers?: readonly string[];
}

/** How each type reads in a redacted excerpt (API.md: `[phone number]`). */
export const REDACTION: Record<ContactType, string> = {
  phone_number: '[phone number]',
  email: '[email address]',
  url: '[link]',
  social_handle: '[social handle]',
};

// ---------------------------------------------------------------------------------------------------------------
// A normalised text that remembers, for each of its characters, the span of the original it stands for.

interface Mapped {
  text: string;
  from: number[];
  to: number[];
}

function mapped(original: string): Mapped {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const char of original) {
    const normal = char.normalize('NFKC').toLowerCase();
    for (const c of normal) {
      text += c;
      from.push(i);
      to.push(i + char.length);
    }
    i += char.length;
  }
  return { text, from, to };
}

/** Replaces each match of `re` (global) by what `by` returns for it (null keeps it); the new characters stand for the match's span. */
function replace(m: Mapped, re: RegExp, by: (match: RegExpExecArray) => string | null): Mapped {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let last = 0;
  const keep = (a: number, b: number) => {
    text += m.text.slice(a, b);
    from.push(...m.from.slice(a, b));
    to.push(...m.to.slice(a, b));
  };
  for (const match of m.text.matchAll(re)) {
    const start = match.index!;
    const end = start + match[0].length;
    const replacement = match[0].length === 0 ? null : by(match as RegExpExecArray);
    if (replacement === null) continue;
    keep(last, start);
    const spanFrom = m.from[start];
    const spanTo = m.to[end - 1];
    for (const c of replacement) {
      text += c;
      from.push(spanFrom);
      to.push(spanTo);
    }
    last = end;
  }
  keep(last, m.text.length);
  return { text, from, to };
}

const originalSpan = (m: Mapped, start: number, end: number) => ({ start: m.from[start], end: m.to[end - 1] });

// ---------------------------------------------------------------------------------------------------------------
// Normalisation

const DIGIT_WORDS: Record<string, string> = { zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', niner: '9' };
/** Separators people put between digits to hide a number: spaces, dots, dashes, brackets, slashes of a kind. */
const SEP = "[\\s.,\\-_()*~'\"|/\\\\]";

/** What follows the @ of a spelled-out e-mail address: a domain with a common ending, or a mail provider. */
const MAIL_DOMAIN = String.raw`(?:[a-z0-9-]+\s*\.\s*(?:com|net|org|io|co|edu|gov|me|us|uk|ca|info|biz)\b|(?:gmail|yahoo|hotmail|outlook|icloud|aol|protonmail|proton)\b)`;

function normalise(original: string): Mapped {
  let m = mapped(original);
  // Digits spelled as words ("four one five"), and "oh" for zero next to digits.
  // A digit word may touch digits ("four15", "five55") but not other letters ("someone", "often").
  m = replace(m, /(?<![a-z])(zero|one|two|three|four|five|six|seven|eight|nine|niner)(?![a-z])/g, (x) => DIGIT_WORDS[x[1]]);
  m = replace(m, /(?<=\d[\s.\-,]{0,3})oh(?![a-z])|(?<![a-z])oh(?=[\s.\-,]{0,3}\d)/g, () => '0');
  // Look-alike letters among digits ("4l5-555-Ol88"): a run of digits and o/l/i/|/! with at least two real digits.
  m = replace(m, /(?<![a-z0-9])[0-9oli|!]{3,}(?![a-z0-9])/g, (x) => {
    const digits = (x[0].match(/\d/g) ?? []).length;
    return digits >= 2 && digits < x[0].length ? x[0].replace(/o/g, '0').replace(/[li|!]/g, '1') : null;
  });
  // Digits spread out ("4 1 5 . 5 5 5 - 0 1 8 8", "(415) 555 0188"): a group of seven or more becomes one run.
  m = replace(m, new RegExp(`\\+?\\(?\\d(?:${SEP}{0,3}\\d)+`, 'g'), (x) => {
    const digits = x[0].replace(/\D/g, '');
    if (digits.length < 7) return null;
    return (x[0].startsWith('+') ? '+' : '') + digits;
  });
  // "name at gmail dot com", "name (at) gmail (dot) com", "mysite dot com".
  m = replace(m, /\s*[[({<]\s*at\s*[\])}>]\s*/g, () => '@');
  m = replace(m, /\s*[[({<]\s*dot\s*[\])}>]\s*/g, () => '.');
  m = replace(m, /(?<=[a-z0-9])\s*\bdot\b\s*(?=[a-z]{2,}\b)/g, (x) => (/^\s*dot\s*$/.test(x[0]) ? '.' : null));
  m = replace(m, /(?<=[a-z0-9._-])\s+at\s+(?=[a-z0-9-]+(?:\.[a-z]{2,})+\b|(?:gmail|yahoo|hotmail|outlook|icloud|aol|protonmail|proton)\b)/g, () => '@');
  // "sam @ gmail . com": an @ with spaces joins only before a mail domain (not "message me @rex.walker").
  m = replace(m, new RegExp(`(?<=[a-z0-9._-])\\s*@\\s*(?=${MAIL_DOMAIN})`, 'g'), (x) => (/\s/.test(x[0]) ? '@' : null));
  m = replace(m, /(?<=@[a-z0-9-]+)\s+\.\s*(?=[a-z]{2,}\b)|(?<=@[a-z0-9-]+)\s*\.\s+(?=[a-z]{2,}\b)/g, () => '.');
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Finders, each on the normalised text.

function phoneNumbers(m: Mapped, own: Set<string>): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const ownLocal = new Set([...own].map((n) => n.replace(/\D/g, '').slice(-7)));
  for (const number of findPhoneNumbersInText(m.text, { defaultCountry: 'US' })) {
    if (own.has(number.number.number)) continue;
    found.push({ start: number.startsAt, end: number.endsAt });
  }
  // Runs the library leaves: a seven-digit local number, and any run of ten to fifteen digits that could be dialled.
  for (const run of m.text.matchAll(/(?<![\d+])\+?\d{7,15}(?!\d)/g)) {
    const start = run.index!;
    const end = start + run[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    const digits = run[0].replace(/\D/g, '');
    if (digits.length === 7) {
      if (ownLocal.has(digits) || /^[01]/.test(digits)) continue;
      found.push({ start, end });
      continue;
    }
    if (digits.length < 10) continue;
    const parsed = parsePhoneNumberFromString(run[0].startsWith('+') ? run[0] : digits, 'US');
    if (parsed && own.has(parsed.number)) continue;
    if (parsed?.isPossible()) found.push({ start, end });
  }
  return found;
}

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@(?:[a-z0-9-]+\.)+[a-z]{2,}\b|(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@(?:gmail|yahoo|hotmail|outlook|icloud|aol|protonmail|proton)\b/g;

/** Links without a scheme count only with these endings: "walked him.it was" is not a link, "mysite.com" is. */
const FUZZY_TLDS = ['com', 'net', 'org', 'io', 'co', 'info', 'biz', 'app', 'dev', 'us', 'ly', 'site', 'online', 'xyz', 'link', 'page', 'store', 'shop', 'me', 'tv', 'gg', 'uk', 'ca'];
const linkify = new LinkifyIt().tlds(FUZZY_TLDS, false).set({ fuzzyEmail: false, fuzzyIP: false });

const PLATFORM = String.raw`(?:instagram|insta|ig|facebook|fb|messenger|snapchat|snap|tiktok|twitter|telegram|tg|whats\s?app|wa|signal|kik|wechat|viber|venmo|cash\s?app|zelle|paypal|linkedin|discord|threads)`;
const HANDLE = String.raw`@?[a-z0-9_][a-z0-9._]{2,29}`;
const VERBS = String.raw`(?:find|add|follow|message|msg|dm|text|call|reach|contact|ping|hit|friend|pay|send|venmo|chat|talk|write)`;
/** Words that follow "@" in ordinary talk ("back @home by 5"). */
const NOT_HANDLES = new Set(['home', 'work', 'noon', 'night', 'the', 'park', 'vet', 'school', 'lunch', 'dinner', 'breakfast', 'midnight']);

/**
 * Each pattern names the part that is the contact detail `(?<h>…)` — the handle, or the platform when no handle is
 * given ("find me on fb") — so the redaction keeps the words around it ("my insta is [social handle]").
 */
const H = (inner: string) => `(?<h>${inner})`;
const HANDLE_PATTERNS: RegExp[] = [
  // "insta: @rexthedog", "ig - rexdog", "snap=rex.dog"
  new RegExp(String.raw`\b${PLATFORM}\s*[:=\-–—]\s*${H(HANDLE)}`, 'gd'),
  // "my insta is rexthedog", "my snap handle: rex.dog", "my whatsapp is the same"
  new RegExp(String.raw`\bmy\s+${PLATFORM}(?:\s+(?:handle|name|account|username|user|id|page|profile))?\s*(?:is|=|:)?\s*${H(HANDLE)}`, 'gd'),
  // "ig @rexdog", "venmo @sam-sits" (the @ makes it a handle)
  new RegExp(String.raw`\b${PLATFORM}\s+${H(String.raw`@[a-z0-9_][a-z0-9._-]{2,29}`)}`, 'gd'),
  // "find me on fb", "dm me on ig", "hit me up on whatsapp", "pay me via venmo", "add us on snap"
  new RegExp(String.raw`\b${VERBS}\s+(?:me|us)(?:\s+up)?(?:\s+(?:the\s+)?(?:money|payment|cash|tip|it|that))?\s+(?:on|at|via|over|through|thru|with|in)\s+${H(PLATFORM)}\b`, 'gd'),
  // "let's talk on whatsapp", "we can chat over telegram instead", "you can move this to signal"
  new RegExp(String.raw`\b(?:let'?s|lets|we\s+can|we\s+could|can\s+we|could\s+we|you\s+can|i\s+can|easier\s+to|better\s+to)\s+(?:just\s+)?(?:talk|chat|text|message|msg|call|continue|move\s+this|switch|keep\s+in\s+touch|stay\s+in\s+touch|connect)\s+(?:\w+\s+)?(?:on|via|over|to|through)\s+${H(PLATFORM)}\b`, 'gd'),
  // "whatsapp me", "telegram me", "snap me", "venmo me"
  new RegExp(String.raw`\b${H(String.raw`(?:whats\s?app|telegram|signal|snap|snapchat|venmo|zelle|paypal|cash\s?app|facetime)`)}\s+me\b`, 'gd'),
  // "I'm on insta as rexdog", "look me up on facebook as sam sitter"
  new RegExp(String.raw`\bon\s+${PLATFORM}\s+(?:as|under)\s+${H(HANDLE)}`, 'gd'),
];
const AT_HANDLE = /(?<![a-z0-9._%+\-@])@([a-z][a-z0-9._]{2,29})\b/g;

/** Every contact detail in `text`, in order, without overlaps (an e-mail address is not also a link or a handle). */
export function detectContacts(text: string, context: DetectorContext = {}): Finding[] {
  const m = normalise(text);
  const own = new Set((context.ownNumbers ?? []).map((n) => n.trim()));
  const spans: Array<{ type: ContactType; start: number; end: number }> = [];
  const add = (type: ContactType, start: number, end: number) => {
    if (spans.some((s) => s.start < end && start < s.end)) return;
    spans.push({ type, start, end });
  };

  for (const match of m.text.matchAll(EMAIL)) add('email', match.index!, match.index! + match[0].length);
  for (const link of linkify.match(m.text) ?? []) add('url', link.index, link.lastIndex);
  // Numbers before handles: in "my whatsapp is 415 555 0188" the number is the detail, not a handle "415".
  for (const phone of phoneNumbers(m, own)) add('phone_number', phone.start, phone.end);
  for (const pattern of HANDLE_PATTERNS) {
    for (const match of m.text.matchAll(pattern)) {
      const [start, end] = match.indices?.groups?.h ?? [match.index!, match.index! + match[0].length];
      add('social_handle', start, end);
    }
  }
  for (const match of m.text.matchAll(AT_HANDLE)) if (!NOT_HANDLES.has(match[1])) add('social_handle', match.index!, match.index! + match[0].length);

  return spans
    .map((s) => ({ type: s.type, ...originalSpan(m, s.start, s.end) }))
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}

/** The text with each finding replaced by its type in brackets: "text me on [phone number]". */
export function redact(text: string, findings: readonly Finding[]): string {
  let out = '';
  let last = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < last) continue;
    out += text.slice(last, f.start) + REDACTION[f.type];
    last = f.end;
  }
  return out + text.slice(last);
}
