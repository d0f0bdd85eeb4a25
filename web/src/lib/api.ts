/**
 * The HTTP half of API.md, in the browser. Every failure becomes an ApiError whose message is a
 * sentence a person can act on: the server's own (Strapi's error envelope) or ours for network trouble.
 */

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_TROUBLE = 'We cannot reach Switchboard right now. Check your connection and try again.';

export interface ApiClientOptions {
  baseUrl: string;
  /** The current access token, if signed in. */
  token: () => string | null;
  /** Renews the access token after a 401; answers false when the session is over. */
  renew?: () => Promise<boolean>;
  fetch?: typeof fetch;
}

export type ApiClient = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function once(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // The refresh cookie of users-permissions lives on the API's origin.
        credentials: 'include',
      });
    } catch {
      throw new ApiError(0, NETWORK_TROUBLE);
    }
  }

  return async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response = await once(method, path, body);
    if (response.status === 401 && options.token() && options.renew && (await options.renew())) {
      response = await once(method, path, body);
    }
    if (response.status === 204) return undefined as T;
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw errorFrom(response.status, payload);
    return payload as T;
  };
}

export function errorFrom(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { message?: unknown; details?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' && error.message.length > 0 ? error.message : fallbackSentence(status);
  return new ApiError(status, message, error?.details);
}

function fallbackSentence(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'We could not find that. It may have been removed, or you may not have access to it.';
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return 'That did not work. Please check what you entered and try again.';
}

export const WRONG_SIGN_IN = 'That email and password do not match an account. Check both and try again.';

/** users-permissions answers a wrong email or password with "Invalid identifier or password"; a person reads our sentence instead. */
export function signInProblem(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 400 && /invalid identifier or password/i.test(error.message)) return new ApiError(400, WRONG_SIGN_IN, error.details);
  return error;
}
