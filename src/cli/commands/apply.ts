import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type TableSpec, encodeTable } from '../../data/index.js';
import { readCsvFrame } from '../../data/csv/read-csv.js';
import { FairlimitError, InputError } from '../../errors.js';
import { checkInputFile, readFailure } from '../../file-access.js';
import {
  type FairClassifierV1,
  type ThresholdRuleV1,
  applyClassifier,
  checkClassifier,
} from '../../limits/index.js';
import type { RegisterCommand } from '../context.js';
import { ExitCode, terminalText } from '../io.js';
import { OPTION_LIMITS, integerInRange } from '../number-options.js';
import { MAX_REPORT_BYTES } from './read-report.js';
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

/**
 * Reads and validates the classifier file: what is wrong with the file itself (missing, a directory, too large)
 * is said as for any input, then the JSON and the schema with its numbers (checkClassifier).
 * @throws InputError E_FILE_MISSING, E_NOT_A_FILE, E_PERMISSION, E_FILE_TOO_LARGE, E_BAD_CLASSIFIER
 */
async function readArtifact(file: string): Promise<FairClassifierV1 | ThresholdRuleV1> {
  await checkInputFile(file, { what: 'classifier', maxBytes: MAX_REPORT_BYTES });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw readFailure(e, file, 'classifier');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InputError(
      'E_BAD_CLASSIFIER',
      `the classifier is not JSON: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  }
  const rule = parsed as Partial<ThresholdRuleV1> | null;
  if (rule?.kind === 'fairlimit-threshold-rule') {
    if (rule.version !== 1 || !rule.encoding || !rule.rules || !rule.classes)
      throw new InputError(
        'E_BAD_CLASSIFIER',
        `not a fairlimit threshold rule: expected kind "fairlimit-threshold-rule", version 1, with encoding, rules and classes; found version ${JSON.stringify(rule.version)}`,
        { file },
      );
    return rule as ThresholdRuleV1;
  }
  return checkClassifier(parsed, { file });
}

/**
 * Errors of the encoding name the training run's options (--features, --group, --drop-missing), which apply does
 * not have: they are said as a mismatch between the rows and the classifier's stored encoding instead.
 */
function asEncodingError(e: unknown, classifierFile: string): unknown {
  if (!(e instanceof FairlimitError) || e.where?.option === undefined) return e;
  const { option, ...place } = e.where;
  return new InputError(
    e.code,
    `${e.reason}; the rows do not fit the classifier's stored encoding (${option.replace(/^--/, '')} of the training run, in "${classifierFile}")`,
    place,
    { cause: e },
  );
}

export const registerApply: RegisterCommand = (program: Command, { io, setExitCode }) => {
  program
    .command('apply')
    .description('predict with an exported fair classifier (randomized, seeded)')
    .argument('<classifier>', 'JSON written by frontier --export-classifier')
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
        const seed = integerInRange(options.seed, '--seed', OPTION_LIMITS.seed.min, OPTION_LIMITS.seed.max);
        const inputs = [
          { what: `classifier "${classifierFile}"`, path: classifierFile },
          { what: `file "${file}"`, path: file },
        ];
        // Outputs first (nothing computed yet), then the classifier, then the rows.
        await planOutputs([{ option: '--out', path: options.out }], { inputs });
        const artifact = await readArtifact(classifierFile);
        if (artifact.kind === 'fairlimit-threshold-rule') {
          const { applyThresholdRuleFile } = await import('../apply-threshold-rule.js');
          await applyThresholdRuleFile(artifact, await readCsvFrame(file), { ...options, seed, inputs }, io);
          setExitCode(ExitCode.ok);
          return;
        }
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
        let encoded;
        try {
          encoded = encodeTable(withLabel, spec);
        } catch (e) {
          throw asEncodingError(e, classifierFile);
        }
        const { table, summary } = encoded;
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
        const content = `${lines.join('\n')}\n`;
        const targets = await planOutputs([{ option: '--out', path: options.out }], { inputs });
        await writeOutputs(targets.map((target) => ({ target, content })));
        for (const target of targets)
          if (target.kind === 'stdout') io.stdout.write(terminalText(io.stdout, content));
        if (!options.quiet) {
          const accuracy =
            applied.expectedAccuracy === null
              ? ''
              : `; expected accuracy ${applied.expectedAccuracy.toFixed(6)}, realized ${applied.realizedAccuracy!.toFixed(6)} (exported: ${artifact.point.accuracy.toFixed(6)} on the training data)`;
          io.stderr.write(
            `fairlimit: wrote ${terminalText(null, options.out === '-' ? 'stdout' : options.out)}: ${table.nRows} rows, ${(100 * applied.unseenShare).toFixed(2)}% in unseen cells${accuracy}\n`,
          );
        }
        setExitCode(ExitCode.ok);
      },
    );
};
