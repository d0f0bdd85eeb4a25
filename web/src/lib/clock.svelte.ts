/** The time the app's dates are read against ("Today", "Yesterday"), ticking each minute so a page left open rolls over at midnight. */
const TICK_MS = 60_000;

class Clock {
  now = $state(new Date());

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.now = new Date()), TICK_MS);
  }
}

export const clock = new Clock();
