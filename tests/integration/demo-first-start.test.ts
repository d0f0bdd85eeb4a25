// API.md "Demo organisation, operations side" → "What the first start shows": each issue that seeds demo rows extends
// this file with what its rows make visible, through the same routes a person or an integrator uses.
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { DEMO_CLIENTS, DEMO_ORGANISATION } from '../../cms/src/bootstrap/demo-operations';

let app: RunningStrapi;
let owner: string;

beforeAll(async () => {
  app = await startStrapi();
  owner = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

const asOwner = (path: string) => app.http.get(path).set('Authorization', `Bearer ${owner}`);

describe('the organisation (API.md "Settings")', () => {
  it('is Acme Pets in America/Los_Angeles', async () => {
    const res = await asOwner('/people/organisation');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(DEMO_ORGANISATION);
  });
});

describe('the clients (API.md "Clients")', () => {
  it('lists the five demo clients with their phones and notes', async () => {
    const res = await asOwner('/people/clients?pageSize=200');
    expect(res.status).toBe(200);
    const byPhone = new Map(res.body.data.map((c: { phone: string }) => [c.phone, c]));
    for (const c of DEMO_CLIENTS) {
      expect(byPhone.get(c.phone)).toEqual(expect.objectContaining({ name: `${c.firstName} ${c.lastName}`, firstName: c.firstName, lastName: c.lastName, phone: c.phone, notes: c.notes }));
    }
  });
});

describe('the bookings (API.md "Bookings")', () => {
  const bookings = async () => {
    const rows = await app.strapi.documents('plugin::assignments.booking' as any).findMany({ sort: 'id:asc' } as any);
    const clients = new Map(DEMO_CLIENTS.map((c) => [c.phone, c.firstName]));
    const people = await (app.strapi.plugin('people').service('clients') as any).byIds(rows.map((r: any) => r.client));
    return rows.map((r: any) => ({ client: clients.get(people.get(r.client).phone), kind: r.kind, status: r.status, numberE164: r.numberE164, numberClass: r.numberClass, hasThread: Boolean(r.conversationId) }));
  };

  it('are Riley on pool +14155550140, Casey on Sam’s masked number, Jordan on pool +14155550141, in that order', async () => {
    expect(await bookings()).toEqual([
      { client: 'Riley', kind: 'one_time', status: 'completed', numberE164: '+14155550140', numberClass: 'pool', hasThread: true },
      { client: 'Casey', kind: 'weekly', status: 'confirmed', numberE164: '+14155550120', numberClass: 'sitter', hasThread: true },
      { client: 'Jordan', kind: 'one_time', status: 'confirmed', numberE164: '+14155550141', numberClass: 'pool', hasThread: true },
    ]);
  });
});

describe('the owner inbox', () => {
  it('shows the booked clients’ threads by name, each on its business number', async () => {
    const res = await asOwner('/messaging/conversations?kind=client&pageSize=200');
    expect(res.status).toBe(200);
    const threads = res.body.data.map((c: any) => ({ name: c.client?.name, number: c.number?.e164 }));
    expect(threads).toEqual(
      expect.arrayContaining([
        { name: 'Casey Morgan', number: '+14155550120' },
        { name: 'Jordan Lee', number: '+14155550141' },
        { name: 'Riley Chen', number: '+14155550140' },
      ]),
    );
  });
});

describe('sitter@demo.test', () => {
  it('has an Admin team thread', async () => {
    const jwt = await appLogin(app.http, demo.sitter);
    const res = await app.http.get('/api/conversations').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { kind: string }) => c.kind)).toContain('admin_sitter');
  });
});
