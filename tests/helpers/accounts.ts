import type TestAgent from 'supertest/lib/agent';
import { DEMO_BUSINESSES, DEMO_SITTERS, DEMO_STAFF, DEMO_VAS } from '../../cms/src/bootstrap/demo-seed';

export const demo = {
  owner: DEMO_STAFF[0],
  admin: DEMO_STAFF[1],
  admin2: DEMO_STAFF[2],
  acme: DEMO_BUSINESSES[0],
  newbiz: DEMO_BUSINESSES[1],
  va: DEMO_VAS[0],
  va2: DEMO_VAS[1],
  sitter: DEMO_SITTERS[0],
  sitter2: DEMO_SITTERS[1],
};
export const appAccounts = [...DEMO_BUSINESSES, ...DEMO_VAS, ...DEMO_SITTERS];
export const staffAccounts = DEMO_STAFF;

/** POST /api/auth/local as API.md names it; returns the app JWT. */
export async function appLogin(http: TestAgent, account: { email: string; password: string }): Promise<string> {
  const res = await http.post('/api/auth/local').send({ identifier: account.email, password: account.password });
  if (res.status !== 200) throw new Error(`app login for ${account.email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.jwt;
}

/** POST /admin/login as API.md names it; returns the admin token. */
export async function adminLogin(http: TestAgent, account: { email: string; password: string }): Promise<string> {
  const res = await http.post('/admin/login').send({ email: account.email, password: account.password });
  if (res.status !== 200) throw new Error(`admin login for ${account.email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}
