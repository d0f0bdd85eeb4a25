import { textToMessageHtml } from './text-to-html';
import { sanitizeMessageHtml } from './sanitize';

describe('textToMessageHtml', () => {
  it.each([
    ['escapes every character that could become markup', '<script>alert(1)</script> & "q" \'s', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;s</p>'],
    ['blank lines make paragraphs, single breaks <br>', '  one\ntwo\n\n\nthree  ', '<p>one<br>two</p><p>three</p>'],
    ['a whitespace-only paragraph is dropped', 'a\n\n   \n\nb', '<p>a</p><p>b</p>'],
    ['nothing typed, nothing written', '  \n ', ''],
  ])('%s', (_, text, html) => {
    expect(textToMessageHtml(text)).toBe(html);
  });

  it('keeps an SMS readable through the sanitizer: the same text comes back out', () => {
    const sms = 'Hi <Sam> & co,\nMiso is hiding.\n\nIs that normal?';
    expect(sanitizeMessageHtml(textToMessageHtml(sms)).bodyText).toBe(sms);
  });
});
