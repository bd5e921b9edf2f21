// npm run test:stress: the screen and end-to-end tests with two CPU-burning processes beside
// them, as on a busy shared CI machine (2 cores here). Keys and frames must not depend on the
// machine's rhythm: the suite waits for states, never for a fixed time. Run three times in a row
// by default (STRESS_RUNS=n to change); stops at the first failing run and exits with its code.
import {spawn} from 'node:child_process';
import {availableParallelism} from 'node:os';

const runs = Number(process.env.STRESS_RUNS ?? 3);
const burners = Number(process.env.STRESS_BURNERS ?? 2);
const targets = ['test/screens', 'test/e2e', 'test/reliability/terminal.test.ts'];

/** A child that spins one core until it is killed (bounded: it also stops after an hour). */
function burner() {
  return spawn(
    process.execPath,
    ['-e', 'const end = Date.now() + 3_600_000; while (Date.now() < end) {}'],
    {stdio: 'ignore'},
  );
}

function vitest() {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...targets], {stdio: 'inherit'});
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const spinning = Array.from({length: burners}, burner);
const stop = () => spinning.forEach((child) => child.kill('SIGKILL'));
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});
process.stdout.write(
  `stress: ${runs} run(s) of ${targets.join(' ')} beside ${burners} CPU burners on ${availableParallelism()} cores\n`,
);
let code = 0;
for (let run = 1; run <= runs && code === 0; run++) {
  process.stdout.write(`stress: run ${run} of ${runs}\n`);
  code = await vitest();
}
stop();
process.stdout.write(
  code === 0 ? `stress: ${runs} run(s) passed\n` : `stress: run failed (exit ${code})\n`,
);
process.exit(code);
