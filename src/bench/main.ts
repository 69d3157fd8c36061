// `npm run bench`: not built yet. The performance issue (generator, scales, latency percentiles,
// baselines) replaces this file; until then it says so and fails, so nobody mistakes it for a result.
process.stderr.write('npm run bench: the benchmark is not implemented yet (see the performance issue). No numbers were measured.\n');
process.exitCode = 1;
