import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type TableSpec, encodeTable } from '../../data/index.js';
import { readCsvFrame } from '../../data/csv/read-csv.js';
import { InputError } from '../../errors.js';
import { type FairClassifierV1, type ThresholdRuleV1, applyClassifier } from '../../limits/index.js';
import type { RegisterCommand } from '../context.js';
import { ExitCode } from '../io.js';
import { planOutputs, writeOutputs } from '../write-outputs.js';

const EXAMPLES = `
Predicts with a classifier exported by \`fairlimit frontier ... --export-classifier h.json\`: the rows are encoded
as in training (same features, bin edges, category names, derived columns and value maps), rows in cells never
seen in training get the rule's average over their group (or over everyone for an unknown group), and each row's
prediction is drawn with --seed (docs/constraints.md, The fair classifier as an artifact). The label column is
optional: when present, the expected and realized accuracy are printed on stderr.

Example:
  $ fairlimit frontier train.csv --group g --label y --eo 0:0.1:0.01 --export-classifier h.json --export-alpha eo=0.02
  $ fairlimit apply h.json new.csv --out predictions.csv --seed 7
`;

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function readArtifact(file: string): Promise<FairClassifierV1 | ThresholdRuleV1> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new InputError('E_BAD_OPTION', `cannot read the classifier: ${(cause as Error).message}`, { file });
  }
  const rule = parsed as Partial<ThresholdRuleV1>;
  if (rule?.kind === 'fairlimit-threshold-rule') {
    if (rule.version !== 1 || !rule.encoding || !rule.rules || !rule.classes)
      throw new InputError(
        'E_BAD_OPTION',
        'not a fairlimit threshold rule (kind "fairlimit-threshold-rule", version 1)',
        {
          file,
        },
      );
    return rule as ThresholdRuleV1;
  }
  const a = parsed as Partial<FairClassifierV1>;
  if (a?.kind !== 'fairlimit-classifier' || a.version !== 1 || !a.encoding || !a.cells || !a.classes)
    throw new InputError(
      'E_BAD_OPTION',
      'not a fairlimit classifier (kind "fairlimit-classifier", version 1)',
      {
        file,
      },
    );
  return a as FairClassifierV1;
}

export const registerApply: RegisterCommand = (program: Command, { io, setExitCode }) => {
  program
    .command('apply')
    .description('predict with an exported fair classifier (randomized, seeded)')
    .argument(
      '<classifier>',
      'JSON written by frontier --export-classifier (an LP point or, with --export-rule, a threshold rule)',
    )
    .argument('<file>', 'CSV rows to predict')
    .requiredOption(
      '--out <file>',
      'predictions CSV (row, group, seen, one probability per class, prediction)',
    )
    .option('--seed <n>', 'seed of the randomized predictions', '1')
    .option('--quiet', 'no summary on stderr')
    .addHelpText('after', EXAMPLES)
    .action(
      async (
        classifierFile: string,
        file: string,
        options: { out: string; seed: string; quiet?: boolean },
      ) => {
        const seed = Number(options.seed);
        if (!/^\d+$/.test(options.seed.trim()))
          throw new InputError(
            'E_BAD_OPTION',
            `--seed must be a non-negative integer, got "${options.seed}"`,
            {
              option: '--seed',
            },
          );
        const artifact = await readArtifact(classifierFile);
        if (artifact.kind === 'fairlimit-threshold-rule') {
          const { applyThresholdRuleFile } = await import('../apply-threshold-rule.js');
          await applyThresholdRuleFile(artifact, await readCsvFrame(file), { ...options, seed }, io);
          setExitCode(ExitCode.ok);
          return;
        }
        const targets = await planOutputs([{ option: '--out', path: options.out }]);
        const frame = await readCsvFrame(file);
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
        const bins: Record<string, string> = {};
        for (const f of encoding.features)
          if (f.encoding === 'bins') bins[f.name] = `edges:${(f.edges ?? []).join(',')}`;
          else if (f.encoding === 'categorical') bins[f.name] = 'categorical';
        const spec: TableSpec = {
          group: encoding.groupColumns.length === 1 ? encoding.groupColumns[0] : encoding.groupColumns,
          label: labelColumn,
          features: encoding.features.map((f) => f.name),
          ...(Object.keys(bins).length > 0 ? { bins } : {}),
          ...(encoding.derive ? { derive: encoding.derive } : {}),
          ...(encoding.valueMaps ? { valueMaps: encoding.valueMaps } : {}),
          labelValues: artifact.classes,
          isForPrediction: true,
        };
        const { table, summary } = encodeTable(withLabel, spec);
        const applied = applyClassifier(artifact, table, { seed, hasLabels, features: summary.features });
        const C = artifact.classes.length;
        const header = ['row', 'group', 'seen', ...artifact.classes.map((c) => `p_${c}`), 'prediction'];
        const lines = [header.map(csvField).join(',')];
        for (let i = 0; i < table.nRows; i++)
          lines.push(
            [
              String(i + 1),
              table.groupNames[table.group[i]],
              String(applied.isSeen[i]),
              ...Array.from(applied.probabilities.subarray(i * C, (i + 1) * C), String),
              artifact.classes[applied.prediction[i]],
            ]
              .map(csvField)
              .join(','),
          );
        await writeOutputs(targets.map((target) => ({ target, content: `${lines.join('\n')}\n` })));
        if (!options.quiet) {
          const accuracy =
            applied.expectedAccuracy === null
              ? ''
              : `; expected accuracy ${applied.expectedAccuracy.toFixed(6)}, realized ${applied.realizedAccuracy!.toFixed(6)} (exported: ${artifact.point.accuracy.toFixed(6)} on the training data)`;
          io.stderr.write(
            `fairlimit: wrote ${options.out}: ${table.nRows} rows, ${(100 * applied.unseenShare).toFixed(2)}% in unseen cells${accuracy}\n`,
          );
        }
        setExitCode(ExitCode.ok);
      },
    );
};
