#!/usr/bin/env node
// `npm run bench`: benchmarks write JSON with percentiles under bench/results/. None exist yet; the
// real-time delivery benchmark arrives with its own issue.
console.log('No benchmarks yet: the delivery benchmark arrives with the "Real-time delivery benchmark and metrics" issue.');
