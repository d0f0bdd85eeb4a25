// `npm test` runs every unit test first (fast, no database), then the integration suites, each group by path.
const Sequencer = require('@jest/test-sequencer').default;

const rank = (test) => (test.context.config.displayName?.name === 'unit' ? 0 : 1);

class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = UnitFirstSequencer;
