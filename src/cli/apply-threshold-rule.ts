import { type TableSpec, encodeTable } from '../data/index.js';
import type { RawFrame } from '../data/raw-frame.js';
import { type ThresholdRuleV1, applyThresholdRule } from '../limits/index.js';
import { type Io, terminalText } from './io.js';
import { type InputFile, planOutputs, writeOutputs } from './write-outputs.js';

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `fairlimit apply` for a ThresholdOptimizer rule (`frontier --scores COL --export-rule ...`): encodes the group,
 * the optional label and the score column as in training, applies each group's rule with the seeded draw, and
 * writes the predictions (row, group, one probability per class, prediction).
 * @throws InputError as `encodeTable` (a missing or non-numeric score column) and `applyThresholdRule`
 */
export async function applyThresholdRuleFile(
  artifact: ThresholdRuleV1,
  frame: RawFrame,
  options: {
    readonly out: string;
    readonly seed: number;
    readonly quiet?: boolean;
    readonly inputs: readonly InputFile[];
  },
  io: Io,
): Promise<void> {
  const targets = await planOutputs([{ option: '--out', path: options.out }], { inputs: options.inputs });
  const { encoding } = artifact;
  const hasLabels = encoding.labelColumn !== '' && frame.columnNames.includes(encoding.labelColumn);
  // Without a label column the reader still needs one: a constant stand-in, never reported.
  const labelColumn = hasLabels ? encoding.labelColumn : '__fairlimit_no_label__';
  const withLabel = hasLabels
    ? frame
    : {
        ...frame,
        columnNames: [...frame.columnNames, labelColumn],
        columns: [...frame.columns, new Array<string>(frame.nRows).fill(artifact.classes[0])],
      };
  const spec: TableSpec = {
    group: encoding.groupColumns.length === 1 ? encoding.groupColumns[0] : encoding.groupColumns,
    label: labelColumn,
    features: [],
    scores: [[encoding.scoreColumn]],
    ...(encoding.derive ? { derive: encoding.derive } : {}),
    ...(encoding.valueMaps ? { valueMaps: encoding.valueMaps } : {}),
    labelValues: artifact.classes,
    isForPrediction: true,
  };
  const { table, scores } = encodeTable(withLabel, spec);
  const applied = applyThresholdRule(artifact, table, scores![0].score, { seed: options.seed, hasLabels });
  const header = ['row', 'group', ...artifact.classes.map((c) => `p_${c}`), 'prediction'];
  const lines = [header.map(csvField).join(',')];
  for (let i = 0; i < table.nRows; i++)
    lines.push(
      [
        String(i + 1),
        table.groupNames[table.group[i]],
        String(applied.probabilities[2 * i]),
        String(applied.probabilities[2 * i + 1]),
        artifact.classes[applied.prediction[i]],
      ]
        .map(csvField)
        .join(','),
    );
  const content = `${lines.join('\n')}\n`;
  await writeOutputs(targets.map((target) => ({ target, content })));
  for (const target of targets)
    if (target.kind === 'stdout') io.stdout.write(terminalText(io.stdout, content));
  if (!options.quiet) {
    const accuracy =
      applied.expectedAccuracy === null
        ? ''
        : `; expected accuracy ${applied.expectedAccuracy.toFixed(6)}, realized ${applied.realizedAccuracy!.toFixed(6)} (fitted: ${artifact.fit.accuracy.toFixed(6)} on the training data)`;
    io.stderr.write(
      `fairlimit: wrote ${terminalText(null, options.out === '-' ? 'stdout' : options.out)}: ${table.nRows} rows, ${artifact.fit.constraint} threshold rule on "${encoding.scoreColumn}"${accuracy}\n`,
    );
  }
}
