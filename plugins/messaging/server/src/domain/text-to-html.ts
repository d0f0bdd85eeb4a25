/**
 * Plain text as message HTML, the one conversion for every writer of typed text (the web app's compose box, the
 * staff inbox, an inbound SMS): every character escaped so nothing typed becomes markup, blank lines separate
 * paragraphs, single line breaks become <br>. The sanitizer runs on the result regardless. Pure.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function textToMessageHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}
