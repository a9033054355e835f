/**
 * The frontier of a CSV file: write a small seeded synthetic data set to a temporary CSV (any CSV with a group
 * column and a label column works the same way) and analyze it in one call: read with column roles, sweep FairFront
 * along equalized odds, and print the report as a table.
 *
 * Run: npm run build && npx tsx examples/frontier-from-csv.ts [file.csv --group COL --label COL]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, formatReport, syntheticTable } from 'fairlimit';

/** A seeded synthetic table as CSV text: features x0..x2, the group and the label by name. */
function syntheticCsv(seed: number): string {
  const t = syntheticTable({ seed, nRows: 2000, nGroups: 2, nClasses: 2, nFeatures: 3, levels: 4 });
  const header = [...t.featureNames, 'group', 'label'].join(',');
  const lines = Array.from({ length: t.nRows }, (_, i) =>
    [...t.features.map((column) => column[i]), t.groupNames[t.group[i]], t.classNames[t.label[i]]].join(','),
  );
  return `${header}\n${lines.join('\n')}\n`;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

const dir = mkdtempSync(path.join(tmpdir(), 'fairlimit-example-'));
try {
  const file = args[0] && !args[0].startsWith('--') ? args[0] : path.join(dir, 'synthetic.csv');
  if (file.startsWith(dir)) writeFileSync(file, syntheticCsv(42));

  // Column roles turn the CSV into a checked table (bad values fail here, naming file, line, column); then the
  // exact frontier at each alpha.
  const report = await analyze(file, {
    group: option('--group', 'group'),
    label: option('--label', 'label'),
    eo: [0, 0.02, 0.05, 0.1, 0.2],
  });
  process.stdout.write(formatReport(report, 'table'));
  for (const p of report.frontier)
    console.log(`FairFront at alpha_EO = ${p.alpha.eo}: ${p.accuracy.toFixed(6)}`);
  console.log(`Bayes accuracy: ${report.reference.bayesAccuracy.toFixed(6)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
