/**
 * Start-up cost of the command and the package, as the difference to a bare `node -e 0` measured in the same run
 * (so machine load cancels out as far as it can), minimum of 5 runs each, interleaved.
 *
 * Run: npm run build && npx tsx bench/startup.ts [runs]
 * Also reported: the CPU time (user + system) each process used, the same difference and minimum. On a loaded
 * machine wall time mostly measures waiting for a core; CPU time is close to what a quiet machine's wall time is.
 * Targets (docs/performance.md): `fairlimit --version` <= 0.25 s, `frontier --dataset compas --eo 0 --json`
 * <= 0.9 s; `import('fairlimit')` is reported.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const bin = path.join(repoRoot, 'bin', 'fairlimit.js');
if (!existsSync(path.join(repoRoot, 'dist', 'index.js'))) throw new Error('run `npm run build` first');
const runs = Number(process.argv[2] ?? 5);

const cases: readonly {
  readonly name: string;
  readonly args: readonly string[];
  readonly target?: number;
}[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'fairlimit --version', args: [bin, '--version'], target: 0.25 },
  {
    name: 'fairlimit frontier --dataset compas --eo 0 --json',
    args: [bin, 'frontier', '--dataset', 'compas', '--eo', '0', '--json'],
    target: 0.9,
  },
  { name: "import('fairlimit')", args: ['--input-type=module', '-e', "await import('fairlimit')"] },
];

// Each child prints its own CPU time on exit (stderr, last line), measured by Node itself.
const CPU_HOOK =
  "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu '+(u.user+u.system)/1e6)})";

const best = cases.map(() => Infinity);
const bestCpu = cases.map(() => Infinity);
for (let r = 0; r < runs; r++)
  cases.forEach((c, i) => {
    const start = process.hrtime.bigint();
    const out = spawnSync(process.execPath, ['--import', CPU_HOOK, ...c.args], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (out.status !== 0) throw new Error(`${c.name} failed (${out.status}): ${out.stderr}`);
    best[i] = Math.min(best[i], seconds);
    const cpu = /\ncpu ([\d.]+)$/.exec(out.stderr);
    if (cpu) bestCpu[i] = Math.min(bestCpu[i], Number(cpu[1]));
  });

const baseline = best[0];
console.log(
  `node ${process.version}, ${runs} runs each, minimum; baseline node -e 0: ${baseline.toFixed(3)} s wall, ` +
    `${bestCpu[0].toFixed(3)} s CPU; load average ${loadavg()[0].toFixed(1)}`,
);
console.log('| command | wall time over bare node | CPU time over bare node | target (wall) |');
console.log('| --- | ---: | ---: | ---: |');
cases.slice(1).forEach((c, i) => {
  const over = best[i + 1] - baseline;
  const cpuOver = bestCpu[i + 1] - bestCpu[0];
  const verdict =
    c.target === undefined ? 'reported' : `<= ${c.target} s ${over <= c.target ? 'met' : 'MISSED'}`;
  console.log(`| \`${c.name}\` | ${over.toFixed(3)} s | ${cpuOver.toFixed(3)} s | ${verdict} |`);
});
