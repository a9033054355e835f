/**
 * Start-up cost of the command and the package, as the difference to a bare `node -e 0` measured in the same run
 * (so machine load cancels out as far as it can), minimum of 5 runs each, interleaved.
 *
 * Run: npm run build && npx tsx bench/startup.ts [runs] [--against DIR]
 * `--against DIR` also runs the same commands from another built checkout of fairlimit (e.g. a `git worktree` of
 * an older commit), interleaved with this one, so that a before/after comparison sees the same machine load.
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
const args = process.argv.slice(2);
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? path.resolve(args[againstAt + 1] ?? '') : undefined;
if (againstAt >= 0) args.splice(againstAt, 2);
const runs = Number(args[0] ?? 5);

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly target?: number;
}

/** The commands of one checkout; `label` tells two checkouts apart in the table. */
function casesOf(root: string, label: string): Case[] {
  if (!existsSync(path.join(root, 'dist', 'index.js')))
    throw new Error(`run \`npm run build\` in ${root} first`);
  const bin = path.join(root, 'bin', 'fairlimit.js');
  return [
    { name: `${label}fairlimit --version`, args: [bin, '--version'], cwd: root, target: 0.25 },
    {
      name: `${label}fairlimit frontier --dataset compas --eo 0 --json`,
      args: [bin, 'frontier', '--dataset', 'compas', '--eo', '0', '--json'],
      cwd: root,
      target: 0.9,
    },
    {
      name: `${label}import('fairlimit')`,
      args: ['--input-type=module', '-e', "await import('fairlimit')"],
      cwd: root,
    },
  ];
}

const cases: readonly Case[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], cwd: repoRoot },
  ...casesOf(repoRoot, against ? 'this: ' : ''),
  ...(against ? casesOf(against, 'against: ') : []),
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
      cwd: c.cwd,
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
