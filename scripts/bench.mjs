#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only=delivery,history,two-nodes]`: the real-time delivery benchmark in bench/.
// It runs the compiled server code, so build first (npm run build:server).
await import('../bench/run.mjs');
