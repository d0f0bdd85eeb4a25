/** The one clock. Domain code takes time as a parameter; services read it here, and tests may replace it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
