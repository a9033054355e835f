/** CSV files for the command-line tests, written into a test's own temporary directory. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticTable } from '../../src/data/synthetic.js';

/** Writes `lines` (header first) as DIR/NAME with a final newline; returns the path. */
export function writeCsv(dir: string, name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The seeded synthetic table (three discrete features x1..x3, group g, label y) as DIR/synthetic.csv. */
export function syntheticCsv(dir: string, options: { nRows: number; levels: number; seed?: number }): string {
  const t = syntheticTable({
    seed: options.seed ?? 4,
    nRows: options.nRows,
    nFeatures: 3,
    levels: options.levels,
  });
  const lines = ['x1,x2,x3,g,y'];
  for (let i = 0; i < t.nRows; i++)
    lines.push(`${t.features[0][i]},${t.features[1][i]},${t.features[2][i]},${t.group[i]},${t.label[i]}`);
  return writeCsv(dir, 'synthetic.csv', lines);
}
