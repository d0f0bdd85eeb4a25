import { errorSentence } from '../../kit/admin/error-sentence';

// The admin pages show the server's own sentence (API.md's error envelope, as useFetchClient's error carries it),
// and the page's own next step when there is none.
describe('errorSentence (the admin pages)', () => {
  const refusal = (message: unknown) => ({ response: { status: 409, data: { error: { status: 409, name: 'ConflictError', message } } } });

  it.each([
    ['the server’s sentence', refusal('This number is quarantined until 1 March. Choose another.'), undefined, 'This number is quarantined until 1 March. Choose another.'],
    ['no response (network down)', new Error('Network Error'), undefined, 'Something went wrong; please try again.'],
    ['no response, with the page’s own next step', new Error('Network Error'), 'Reload the page to try again.', 'Reload the page to try again.'],
    ['an envelope without a message', refusal(undefined), 'Check your connection and try again.', 'Check your connection and try again.'],
    ['an empty message', refusal(''), undefined, 'Something went wrong; please try again.'],
    ['a message that is not text', refusal({ detail: 'x' }), undefined, 'Something went wrong; please try again.'],
    ['nothing at all', null, undefined, 'Something went wrong; please try again.'],
  ])('%s', (_case, error, fallback, expected) => {
    expect(errorSentence(error, fallback)).toBe(expected);
  });
});
