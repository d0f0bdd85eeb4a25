import { TypingRoster, TypingSignal, typingSentence } from './typing';

describe('TypingSignal', () => {
  const options = { repeatMs: 3000, idleMs: 2000 };

  it('sends one "typing" for a burst of keystrokes, and repeats it while typing goes on', () => {
    const signal = new TypingSignal(options);
    const sent = [0, 100, 200, 1500, 2900, 3000, 3100].map((t) => signal.keystroke(t));
    expect(sent).toEqual([true, false, false, false, false, true, false]);
  });

  it('says "stopped" once after a silence, and not again', () => {
    const signal = new TypingSignal(options);
    signal.keystroke(0);
    signal.keystroke(500);
    expect(signal.tick(2400)).toBe(false);
    expect(signal.tick(2500)).toBe(true);
    expect(signal.tick(9000)).toBe(false);
  });

  it('says "stopped" on send only if it had said "typing"', () => {
    const signal = new TypingSignal(options);
    expect(signal.stop()).toBe(false);
    signal.keystroke(0);
    expect(signal.stop()).toBe(true);
    expect(signal.keystroke(10)).toBe(true);
  });
});

describe('TypingRoster', () => {
  const sam = { id: 'user:1', displayName: 'Sam' };
  const alex = { id: 'user:2', displayName: 'Alex' };

  it('shows a typist until they stop', () => {
    const roster = new TypingRoster(6000);
    roster.update(sam, true, 0);
    expect(roster.active(100)).toEqual([sam]);
    roster.update(sam, false, 200);
    expect(roster.active(300)).toEqual([]);
  });

  it('forgets a typist whose message has arrived', () => {
    const roster = new TypingRoster(6000);
    roster.update(sam, true, 0);
    roster.update(alex, true, 0);
    roster.forgetByName('Sam');
    expect(roster.active(1)).toEqual([alex]);
  });

  it('forgets a typist after the expiry even when no stop arrives', () => {
    const roster = new TypingRoster(6000);
    roster.update(sam, true, 0);
    roster.update(alex, true, 4000);
    expect(roster.active(5999)).toEqual([sam, alex]);
    expect(roster.active(6000)).toEqual([alex]);
  });
});

describe('typingSentence', () => {
  it.each([
    [[], ''],
    [[{ id: 'a', displayName: 'Sam' }], 'Sam is typing…'],
    [[{ id: 'a', displayName: 'Sam' }, { id: 'b', displayName: 'Alex' }], 'Sam and Alex are typing…'],
    [[{ id: 'a', displayName: 'A' }, { id: 'b', displayName: 'B' }, { id: 'c', displayName: 'C' }], '3 people are typing…'],
  ])('%j → %s', (typists, sentence) => {
    expect(typingSentence(typists)).toBe(sentence);
  });
});
