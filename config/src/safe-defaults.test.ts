import { acceptedOrigins, demoExposureWarning, isLoopbackHost, launcherSeedDemo, listenHost, proxySettings, seedsDemo } from './safe-defaults';
import { browserOrigins, loadEnv } from './env';

describe('seedsDemo', () => {
  it.each([
    ['development', true, true],
    ['test', true, true],
    ['production', true, false],
    ['development', false, false],
  ])('NODE_ENV=%s SEED_DEMO=%s → %s', (NODE_ENV, SEED_DEMO, expected) => {
    expect(seedsDemo({ NODE_ENV, SEED_DEMO })).toBe(expected);
  });

  it('is off for an empty environment: a start with no configuration seeds no published passwords', () => {
    expect(seedsDemo(loadEnv({}))).toBe(false);
  });
});

describe('launcherSeedDemo', () => {
  it.each([
    [undefined, true, 'true'],
    [undefined, false, undefined],
    ['', true, 'true'],
    ['false', true, 'false'],
    ['true', false, 'true'],
    ['false', false, 'false'],
  ])('SEED_DEMO=%j, embedded database %s → %j', (setting, embedded, expected) => {
    expect(launcherSeedDemo(setting, embedded)).toBe(expected);
  });
});

describe('listenHost', () => {
  const demo = { NODE_ENV: 'development', SEED_DEMO: true };
  const noDemo = { NODE_ENV: 'development', SEED_DEMO: false };
  const production = { NODE_ENV: 'production', SEED_DEMO: true };
  it.each([
    [undefined, demo, '127.0.0.1'],
    ['', demo, '127.0.0.1'],
    [undefined, noDemo, '0.0.0.0'],
    [undefined, production, '0.0.0.0'],
    ['0.0.0.0', demo, '0.0.0.0'],
    ['10.0.0.5', noDemo, '10.0.0.5'],
    ['127.0.0.1', noDemo, '127.0.0.1'],
  ])('HOST=%j with %j → %s', (explicit, env, expected) => {
    expect(listenHost(explicit, env)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('demoExposureWarning', () => {
  it.each([
    ['0.0.0.0', true, true],
    ['10.0.0.5', true, true],
    ['127.0.0.1', true, false],
    ['0.0.0.0', false, false],
  ])('host %s, demo accounts %s → warns: %s', (host, exist, warns) => {
    const warning = demoExposureWarning(host, exist);
    expect(warning !== null).toBe(warns);
    if (warning) expect(warning).toContain(host);
  });
});

describe('acceptedOrigins', () => {
  it('accepts every loopback spelling of a loopback origin outside production, the configured one first', () => {
    expect(acceptedOrigins('http://localhost:3002', false)).toEqual(['http://localhost:3002', 'http://127.0.0.1:3002', 'http://[::1]:3002']);
    expect(acceptedOrigins('http://127.0.0.1:3002/', false)).toEqual(['http://127.0.0.1:3002', 'http://localhost:3002', 'http://[::1]:3002']);
  });
  it('keeps production and non-loopback origins exact', () => {
    expect(acceptedOrigins('http://localhost:3002', true)).toEqual(['http://localhost:3002']);
    expect(acceptedOrigins('https://chat.example.com', false)).toEqual(['https://chat.example.com']);
  });
  it('covers both the API and the web app in browserOrigins', () => {
    const origins = browserOrigins({ NODE_ENV: 'development', PUBLIC_URL: 'http://localhost:1337', WEB_PUBLIC_URL: 'http://localhost:3002' });
    expect(origins).toEqual(expect.arrayContaining(['http://127.0.0.1:1337', 'http://127.0.0.1:3002', 'http://localhost:3002']));
    expect(browserOrigins({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:1337', WEB_PUBLIC_URL: 'http://localhost:3002' })).toEqual([
      'http://localhost:1337',
      'http://localhost:3002',
    ]);
  });
});

describe('proxySettings', () => {
  it.each([
    [0, { koa: false }],
    [1, { koa: true, maxIpsCount: 1 }],
    [2, { koa: true, maxIpsCount: 2 }],
  ])('PROXY_TRUST=%s → %j', (hops, expected) => {
    expect(proxySettings(hops)).toEqual(expected);
  });
  it('defaults PROXY_TRUST to 0 and refuses nonsense', () => {
    expect(loadEnv({}).PROXY_TRUST).toBe(0);
    expect(() => loadEnv({ PROXY_TRUST: 'yes' })).toThrow(/PROXY_TRUST must be a number of proxy hops between 0 and 10/);
  });
});
