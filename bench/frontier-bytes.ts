/**
 * Checks that a change left the CLI's results alone: the JSON of `frontier --dataset NAME --json` (default sweep
 * and `--eo 0`) for the four reference data sets, byte for byte, against a directory saved before the change.
 *
 * Run: npm run build && npx tsx bench/frontier-bytes.ts save DIR     (before the change)
 *      npm run build && npx tsx bench/frontier-bytes.ts compare DIR  (after it; exits 1 on any difference)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const bin = path.join(repoRoot, 'bin', 'fairlimit.js');
const [mode, dir] = process.argv.slice(2);
if ((mode !== 'save' && mode !== 'compare') || dir === undefined)
  throw new Error('usage: frontier-bytes.ts save|compare DIR');

const runs = ['compas', 'adult', 'german', 'hsls'].flatMap((dataset) => [
  { file: `${dataset}.json`, args: ['frontier', '--dataset', dataset, '--json'] },
  { file: `${dataset}-eo0.json`, args: ['frontier', '--dataset', dataset, '--eo', '0', '--json'] },
]);

let differences = 0;
if (mode === 'save') mkdirSync(dir, { recursive: true });
for (const { file, args } of runs) {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`fairlimit ${args.join(' ')} failed (${out.status}): ${out.stderr}`);
  const saved = path.join(dir, file);
  if (mode === 'save') writeFileSync(saved, out.stdout);
  else if (!existsSync(saved)) throw new Error(`${saved} is missing: run "save" before the change`);
  else {
    const same = readFileSync(saved, 'utf8') === out.stdout;
    if (!same) differences++;
    console.log(`${same ? 'same     ' : 'DIFFERENT'} fairlimit ${args.join(' ')}`);
  }
}
if (mode === 'save') console.log(`saved ${runs.length} reports in ${dir}`);
process.exitCode = differences === 0 ? 0 : 1;
