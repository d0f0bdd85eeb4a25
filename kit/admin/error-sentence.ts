/** The sentence an admin page shows when a request fails: the server's own (API.md's error envelope) when it gave one. */
export function errorSentence(error: unknown, fallback = 'Something went wrong; please try again.'): string {
  const message = (error as { response?: { data?: { error?: { message?: unknown } } } } | null)?.response?.data?.error?.message;
  return typeof message === 'string' && message.length > 0 ? message : fallback;
}
