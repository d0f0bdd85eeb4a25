import { ApiError, createApiClient, NETWORK_TROUBLE, signInProblem, WRONG_SIGN_IN } from './api';

const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('createApiClient', () => {
  it('sends the bearer token and JSON, and answers the parsed body', async () => {
    const calls: [string, RequestInit][] = [];
    const api = createApiClient({ baseUrl: 'http://api', token: () => 't1', fetch: async (url, init) => (calls.push([String(url), init!]), json(200, { ok: 1 })) });
    await expect(api('PUT', '/api/profile', { name: 'x' })).resolves.toEqual({ ok: 1 });
    expect(calls[0][0]).toBe('http://api/api/profile');
    expect(calls[0][1].headers).toMatchObject({ Authorization: 'Bearer t1', 'Content-Type': 'application/json' });
    expect(calls[0][1].credentials).toBe('include');
  });

  it("uses the server's sentence for errors", async () => {
    const api = createApiClient({ baseUrl: '', token: () => null, fetch: async () => json(400, { error: { status: 400, message: 'phone must be a phone number.' } }) });
    await expect(api('PUT', '/x', {})).rejects.toEqual(new ApiError(400, 'phone must be a phone number.'));
  });

  it('says so in words when the network is down', async () => {
    const api = createApiClient({ baseUrl: '', token: () => null, fetch: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(api('GET', '/x')).rejects.toMatchObject({ status: 0, message: NETWORK_TROUBLE });
  });

  it('renews the token once after a 401 and repeats the request', async () => {
    let token = 'old';
    const seen: string[] = [];
    const api = createApiClient({
      baseUrl: '',
      token: () => token,
      renew: async () => ((token = 'new'), true),
      fetch: async (_url, init) => {
        const auth = (init!.headers as Record<string, string>).Authorization;
        seen.push(auth);
        return auth === 'Bearer new' ? json(200, { fine: true }) : json(401, {});
      },
    });
    await expect(api('GET', '/x')).resolves.toEqual({ fine: true });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
  });

  it('gives up when renewal fails', async () => {
    const api = createApiClient({ baseUrl: '', token: () => 'old', renew: async () => false, fetch: async () => json(401, {}) });
    await expect(api('GET', '/x')).rejects.toMatchObject({ status: 401, message: 'Your session has ended. Sign in again.' });
  });
});

describe('signInProblem', () => {
  it("turns users-permissions' wording into a sentence a person would write", () => {
    expect(signInProblem(new ApiError(400, 'Invalid identifier or password'))).toEqual(new ApiError(400, WRONG_SIGN_IN));
    expect(WRONG_SIGN_IN).toBe('That email and password do not match an account. Check both and try again.');
  });

  it('leaves every other problem as it is', () => {
    const blocked = new ApiError(400, 'Your account has been blocked by an administrator');
    expect(signInProblem(blocked)).toBe(blocked);
    const network = new ApiError(0, NETWORK_TROUBLE);
    expect(signInProblem(network)).toBe(network);
  });
});
