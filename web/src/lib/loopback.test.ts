import { apiUrlFor } from './loopback';

describe('apiUrlFor: the page calls the API under its own loopback spelling', () => {
  it.each([
    ['http://localhost:1337', '127.0.0.1', 'http://127.0.0.1:1337'],
    ['http://127.0.0.1:1337', 'localhost', 'http://localhost:1337'],
    ['http://localhost:1337/', '[::1]', 'http://[::1]:1337'],
    ['http://localhost:1337', 'localhost', 'http://localhost:1337'],
    ['https://api.example.com', '127.0.0.1', 'https://api.example.com'],
    ['http://localhost:1337', 'chat.example.com', 'http://localhost:1337'],
    ['http://localhost:1337', null, 'http://localhost:1337'],
  ])('%s seen from %s → %s', (configured, page, expected) => {
    expect(apiUrlFor(configured, page)).toBe(expected);
  });
});
