// A bench server's memory probe: on SIGUSR2 it collects its garbage (when run with --expose-gc) and writes its
// memory (process.memoryUsage(), and when it was read) to bench/results/.memory-<pid>.json for the load process
// (delivery-load.mjs), which compares the readings before and after the sockets connect (issue 24: memory per socket).
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const memoryFile = (pid) => path.join(__dirname, '..', 'results', `.memory-${pid}.json`);

function installMemoryProbe() {
  process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') global.gc();
    writeFileSync(memoryFile(process.pid), JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
  });
}

module.exports = { installMemoryProbe, memoryFile };
