import { sloMisses } from './slo';

const figures = (patch = {}) => ({ sendAttempts: 1000, sendFailures: 0, deliveries: 1000, withinP50Target: 1000, withinP95Target: 1000, ...patch });

describe('PRD §10 SLO checks', () => {
  it('misses nothing when every target is met, or with too few samples to say', () => {
    expect(sloMisses(figures())).toEqual([]);
    expect(sloMisses(figures({ deliveries: 10, withinP50Target: 0, withinP95Target: 0, sendAttempts: 10, sendFailures: 5 }))).toEqual([]);
  });

  it('reports p50 over 300 ms when fewer than half met it, p95 over 800 ms when fewer than 95% met that, in one alert', () => {
    expect(sloMisses(figures({ withinP50Target: 499, withinP95Target: 950 })).map((m) => m.title)).toEqual(['SLO missed: real-time delivery p50 over 300 ms in the last 60 minutes']);
    expect(sloMisses(figures({ withinP50Target: 500, withinP95Target: 949 })).map((m) => m.title)).toEqual(['SLO missed: real-time delivery p95 over 800 ms in the last 60 minutes']);
    expect(sloMisses(figures({ withinP50Target: 100, withinP95Target: 200 }))[0]).toMatchObject({ sourceKey: 'provider_error:slo_delivery', title: 'SLO missed: real-time delivery p50 over 300 ms and p95 over 800 ms in the last 60 minutes' });
    expect(sloMisses(figures({ withinP50Target: 500, withinP95Target: 950 }))).toEqual([]);
  });

  it('reports a send error rate of 0.5% or more (the target is under 0.5%)', () => {
    expect(sloMisses(figures({ sendFailures: 4 }))).toEqual([]);
    expect(sloMisses(figures({ sendFailures: 5 }))).toEqual([{ sourceKey: 'provider_error:slo_send_errors', title: 'SLO missed: 0.5% of sends failed in the last 60 minutes', description: expect.stringContaining('5 of 1000 sends failed') }]);
  });
});
