import { type Command, Option } from 'commander';
import { type CardFormat, modelCard } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';
import { terminalText } from '../io.js';
import { planOutputs, writeOutputs } from '../write-outputs.js';
import { readReportFile } from './read-report.js';

const EXAMPLES = `
Formats: mct = Google Model Card Toolkit quantitative_analysis (JSON), hf = a README.md for the Hugging Face
Hub (model-index YAML front matter fenced by ---, then the Markdown section), md = a Markdown section.
A placed model's own accuracy is its only "accuracy"; FairFront limits (fairfront_accuracy_limit) and gaps
(epistemic_gap) are typed apart.

Examples:
  $ fairlimit frontier --dataset compas --eo 0,0.02,0.05 --json > report.json
  $ fairlimit card report.json --format hf --name my-model --license mit > README.md
`;

export const registerCard: RegisterCommand = (program: Command, { io, setExitCode }) => {
  program
    .command('card')
    .description('a model-card fragment from a JSON report')
    .argument('<report>', 'JSON report written by fairlimit frontier --json')
    .addOption(new Option('--format <format>', 'card format').choices(['mct', 'hf', 'md']).default('md'))
    .option('--name <name>', 'model name in the card')
    .option('--license <id>', "the model's licence, a Hub licence identifier (hf card; default unknown)")
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', EXAMPLES)
    .action(
      async (
        file: string,
        options: { format: CardFormat; name?: string; license?: string; out?: string },
      ) => {
        const requests = options.out !== undefined ? [{ option: '--out', path: options.out }] : [];
        const inputs = [{ what: `report "${file}"`, path: file }];
        await planOutputs(requests, { inputs }); // before reading: a run that cannot write fails at once
        const report = await readReportFile(file);
        const text = modelCard(report, options.format, {
          ...(options.name ? { name: options.name } : {}),
          ...(options.license ? { license: options.license } : {}),
        });
        const targets = await planOutputs(requests, { inputs });
        await writeOutputs(targets.map((target) => ({ target, content: text })));
        if (targets.every((t) => t.kind !== 'replace' && t.kind !== 'in-place'))
          io.stdout.write(terminalText(io.stdout, text, options.format === 'mct' ? 'json' : undefined));
        setExitCode(0);
      },
    );
};
