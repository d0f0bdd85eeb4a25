import { z } from 'zod';
import { errors } from '@strapi/utils';
import { ConflictError, DATABASE_UNAVAILABLE_SENTENCE, ForbiddenError, ProviderUnavailableError, ServiceUnavailableError, asRefusal, definePlugin, isDatabaseUnavailable, parseInput, registerAdminActions, serviceGetter, statusOf, toAck } from './index';

describe('parseInput', () => {
  const schema = z.strictObject({ name: z.string({ error: 'name must be text.' }), age: z.number().int().optional() });

  it('answers the parsed value', () => {
    expect(parseInput(schema, { name: 'Sam' })).toEqual({ name: 'Sam' });
  });

  it.each([
    ['a schema sentence as it is', { name: 5 }, 'name must be text.', [{ path: 'name', message: 'name must be text.' }]],
    ['a zod message with its field in front', { name: 'Sam', age: 1.5 }, expect.stringMatching(/^age: .+\.$/), [{ path: 'age', message: expect.stringMatching(/^age: /) }]],
    ['every problem in details', { age: 'x' }, 'name must be text.', [{ path: 'name', message: 'name must be text.' }, { path: 'age', message: expect.stringMatching(/^age: /) }]],
  ])('refuses with a ValidationError: %s', (_, input, message, problems) => {
    let caught: unknown;
    try {
      parseInput(schema, input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(errors.ValidationError);
    expect((caught as Error).message).toEqual(message);
    expect((caught as any).details).toEqual({ errors: problems });
  });
});

describe('statusOf and toAck: one status per refusal, for HTTP and sockets alike', () => {
  it.each([
    [new errors.ValidationError('Bad.'), 400],
    [new errors.UnauthorizedError('Sign in.'), 401],
    [new errors.ForbiddenError('Not yours.'), 403],
    [new errors.NotFoundError('Gone.'), 404],
    [new ConflictError('Already resolved.'), 409],
    [new errors.PayloadTooLargeError('Too big.'), 413],
    [new errors.RateLimitError('Slow down.'), 429],
    [new ProviderUnavailableError('Twilio is down; try again.'), 502],
    [new errors.ApplicationError('Something the caller did.'), 400],
  ])('%s → %i', (error, status) => {
    expect(statusOf(error)).toBe(status);
    expect(toAck(error)).toEqual({ ok: false, error: { status, message: error.message, details: {} } });
  });

  it('answers 503 with the sentence when the database was out of reach, and the error is not a refusal of the caller', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(statusOf(terminated)).toBeNull();
    expect(asRefusal(terminated)).toBeInstanceOf(ServiceUnavailableError);
    expect(statusOf(asRefusal(terminated))).toBe(503);
    expect(toAck(terminated)).toEqual({ ok: false, error: { status: 503, message: DATABASE_UNAVAILABLE_SENTENCE, details: {} } });
  });

  it.each([
    ['the server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['the server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['the port closed', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection cut', new Error('Connection terminated unexpectedly')],
    ['a cut reported by knex after its SQL', new Error('select "c"."id" from "conversation" as "c" where "c"."id" = $1 - Connection terminated unexpectedly')],
    ['a client left broken', new Error('Client has encountered a connection error and is not queryable')],
    ['the pool exhausted', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['a wrapped cause', new Error('query failed', { cause: Object.assign(new Error('x'), { code: '57P01' }) })],
  ])('counts %s as the database out of reach', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a syntax error (42601)', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('does not count %s as the database out of reach', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(asRefusal(error)).toBeNull();
  });

  it('answers 500 with a sentence, and no detail, for anything that is not a refusal', () => {
    expect(statusOf(new Error('db down'))).toBeNull();
    expect(toAck(new Error('db down at 10.0.0.1'))).toEqual({ ok: false, error: { status: 500, message: 'Something went wrong on our side; please try again.' } });
  });
});

describe('serviceGetter', () => {
  it('asks the named plugin for the named service', () => {
    const services = { inventory: () => ({ count: () => 3 }) };
    const asked: string[] = [];
    const strapi = { plugin: (p: string) => ({ service: (s: string) => (asked.push(`${p}.${s}`), services.inventory()) }) };
    const getService = serviceGetter<typeof services>('numbers');
    expect(getService(strapi, 'inventory').count()).toBe(3);
    expect(asked).toEqual(['numbers.inventory']);
  });
});

describe('ForbiddenError', () => {
  it('is a PolicyError (Strapi lets its sentence through a controller) answered as ForbiddenError, 403', () => {
    const error = new ForbiddenError('You do not have permission to reply as Acme Pets.');
    expect(error).toBeInstanceOf(errors.PolicyError);
    expect(error).toBeInstanceOf(errors.ForbiddenError);
    expect(error.name).toBe('ForbiddenError');
    expect(toAck(error)).toEqual({ ok: false, error: { status: 403, message: 'You do not have permission to reply as Acme Pets.', details: {} } });
  });
});

describe('registerAdminActions', () => {
  it('registers each action in the Plugins section under the plugin', async () => {
    const registered: unknown[] = [];
    const strapi = { service: () => ({ actionProvider: { registerMany: async (a: unknown[]) => void registered.push(...a) } }) };
    await registerAdminActions(strapi, 'numbers', [{ uid: 'read', displayName: 'Read numbers' }]);
    expect(registered).toEqual([{ section: 'plugins', displayName: 'Read numbers', uid: 'read', pluginName: 'numbers' }]);
  });
});

describe('definePlugin', () => {
  it('fills the parts a plugin does not use and keeps the ones it gives', async () => {
    const bootstrap = async () => {};
    const plugin = definePlugin({ bootstrap, services: { a: () => ({}) } });
    expect(plugin.bootstrap).toBe(bootstrap);
    expect(Object.keys(plugin.services)).toEqual(['a']);
    expect(plugin).toMatchObject({ config: { default: {} }, contentTypes: {}, controllers: {}, routes: {}, policies: {}, middlewares: {} });
    expect(() => plugin.register()).not.toThrow();
  });
});
