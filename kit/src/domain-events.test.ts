import { onDomainEvent, publishDomainEvent, type DomainEvent } from './domain-events';

function fakeStrapi() {
  const listeners = new Map<string, Array<(...args: any[]) => Promise<void>>>();
  const errors: string[] = [];
  return {
    errors,
    log: { error: (m: string) => errors.push(m) },
    eventHub: {
      async emit(name: string, ...args: unknown[]) {
        for (const l of listeners.get(name) ?? []) await l(...args);
      },
      on(name: string, l: (...args: any[]) => Promise<void>) {
        listeners.set(name, [...(listeners.get(name) ?? []), l]);
        return () => listeners.set(name, (listeners.get(name) ?? []).filter((x) => x !== l));
      },
    },
  };
}

const event: DomainEvent = { type: 'window_conflict', source: 'assignments', at: '2027-01-20T10:00:00.000Z', subject: { type: 'assignment_window', id: 'w1' }, data: { a: 1 } };

describe('domain events', () => {
  it('reach the subscribers of their type only, until they unsubscribe', async () => {
    const strapi = fakeStrapi();
    const heard: DomainEvent[] = [];
    const off = onDomainEvent(strapi, 'window_conflict', (e) => {
      heard.push(e);
    });
    onDomainEvent(strapi, 'window_starting', () => {
      throw new Error('wrong type');
    });
    await publishDomainEvent(strapi, event);
    expect(heard).toEqual([event]);
    off();
    await publishDomainEvent(strapi, event);
    expect(heard).toHaveLength(1);
  });

  it("log a subscriber's failure instead of throwing it at the publisher", async () => {
    const strapi = fakeStrapi();
    onDomainEvent(strapi, 'window_conflict', () => {
      throw new Error('boom');
    });
    await expect(publishDomainEvent(strapi, event)).resolves.toBeUndefined();
    expect(strapi.errors[0]).toContain('window_conflict');
    expect(strapi.errors[0]).toContain('boom');
  });
});
