// `npm test` runs every unit test first (fast, no database), then the integration suites, then the browser
// suites, each group by path.
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = { unit: 0, integration: 1, e2e: 2 };
const rank = (test) => ORDER[test.context.config.displayName?.name] ?? 3;

class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = UnitFirstSequencer;
