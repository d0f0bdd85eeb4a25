import { composeProblem, composeRule, textToMessageHtml } from './compose';

describe('composeRule', () => {
  it.each([
    ['business', 'business_admin', 'BUSINESS_TO_ADMIN'],
    ['va', 'admin_va', 'VA_TO_ADMIN'],
    ['va', 'business_va', 'VA_TO_BUSINESS'],
    ['sitter', 'client', 'SITTER_TO_CLIENT'],
    ['sitter', 'admin_sitter', 'SITTER_TO_ADMIN'],
    ['business', 'business_va', null],
    ['va', 'business_admin', null],
  ] as const)('%s in %s → %s', (role, kind, routeType) => {
    const rule = composeRule(role, kind);
    expect(rule.routeType).toBe(routeType);
    if (rule.routeType === null) expect(rule.reason).toMatch(/\.$/);
  });
});

describe('textToMessageHtml', () => {
  it('escapes everything typed, so no text becomes markup', () => {
    expect(textToMessageHtml('<script>alert(1)</script> & "q"')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>');
  });

  it('keeps line breaks and paragraphs', () => {
    expect(textToMessageHtml('  one\ntwo\n\n\nthree  ')).toBe('<p>one<br>two</p><p>three</p>');
  });
});

describe('composeProblem', () => {
  it('refuses empty and overlong messages with a sentence', () => {
    expect(composeProblem('   ')).toBe('Write a message first.');
    expect(composeProblem('x'.repeat(10_000))).toMatch(/too long/);
    expect(composeProblem('<'.repeat(2_500))).toMatch(/too long/); // escaping makes it longer than it looks
    expect(composeProblem('Hello')).toBeNull();
  });
});
