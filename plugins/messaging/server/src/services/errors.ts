/** A refusal a person reads: status 400, 401, 403, 404, 409 or 429 with the sentence of API.md. Controllers and the socket gateway map it. */
export class MessagingError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403 | 404 | 409 | 429,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}

export const notFound = (what = 'conversation') =>
  new MessagingError(404, `That ${what} does not exist, or you do not have access to it.`);
