// `npm test` runs every unit test first (fast, no database), then the integration suites, then the browser
// suites, each group by path. With --shard=i/n (npm test runs two shards side by side, scripts/test.mjs) the files are
// split so the shards take about as long: browser files weigh most, unit files least.
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = { unit: 0, integration: 1, e2e: 2 };
// Seconds a file of each kind takes, roughly (a whole run's figures, per file): enough to balance shards.
const COST = { unit: 0.5, integration: 10, e2e: 35 };
const kind = (test) => test.context.config.displayName?.name;
const rank = (test) => ORDER[kind(test)] ?? 3;
const byOrder = (a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path);

class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort(byOrder);
  }

  shard(tests, { shardIndex, shardCount }) {
    // Longest first into the least loaded shard; ties by path, so every shard computes the same split.
    const bins = Array.from({ length: shardCount }, () => ({ load: 0, tests: [] }));
    const heavyFirst = [...tests].sort((a, b) => (COST[kind(b)] ?? 10) - (COST[kind(a)] ?? 10) || a.path.localeCompare(b.path));
    for (const test of heavyFirst) {
      const bin = bins.reduce((least, b) => (b.load < least.load ? b : least));
      bin.load += COST[kind(test)] ?? 10;
      bin.tests.push(test);
    }
    return bins[shardIndex - 1].tests;
  }
}

module.exports = UnitFirstSequencer;
