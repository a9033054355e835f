/**
 * Reproduces the paper's missing-value study (Wang et al. 2023; docs/design.md, Missing values) on COMPAS
 * (group race, minority African-American) and Adult (group sex, minority Female): each raw feature is
 * replaced by the paper's mode with probability r_major = 10% (majority) or r_minor = 10/30/50/70% (minority)
 * before discretization, 10 seeded masks per scenario. Prints FairFront at alpha_EO = 0, 0.04 and 1 (Bayes),
 * mean and std, for mode imputation (the paper's) and the other strategies, in sample and held out (30%
 * split). Run: `npx tsx bench/reproduce-missing.ts [compas adult] [--seeds 10] [--json FILE]`. Data from
 * $FAIRLIMIT_DATA (default ../shared/data).
 */
import { writeFileSync } from 'node:fs';
import { loadAdultRaw, loadCompasRaw } from '../src/data/index.js';
import {
  adultSource,
  compasSource,
  missingStudy,
  paperScenarios,
  type MissingStudy,
  type SeedSummary,
  type Strategy,
} from '../src/missing/index.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seeds = Number(option('--seeds') ?? 10);
const jsonFile = option('--json');
const names = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const datasets = (names.length > 0 ? names : ['compas', 'adult']) as ('compas' | 'adult')[];

const ALPHAS = [0, 0.04, 1];
const STRATEGIES: Strategy[] = ['mode', 'indicator', 'mean', 'median', 'complete-case', 'conditional-mode'];
const PAPER: Record<'compas' | 'adult', Record<string, string>> = {
  compas: { '10%/10%': '~0.747', '10%/50%': '~0.649', '10%/70%': '~0.597' },
  adult: { '10%/10%': '~0.845', '10%/50%': '~0.839', '10%/70%': '~0.835' },
};

const f = (s: SeedSummary) => `${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}`;

function table(study: MissingStudy, name: 'compas' | 'adult'): string {
  const paperAt = name === 'compas' ? 'FairFront alpha_EO=0' : 'best accuracy';
  const lines = [
    `### ${name}: N = ${study.complete.nRows}, ${study.complete.nCells} cells; columns ${study.columns.join(', ')}; minority ${study.groupNames[study.minorityGroup]}; ${study.seeds} seeds`,
    '',
    `| scenario | strategy | cells | FairFront α_EO=0 | α_EO=0.04 | Bayes (α=1) | drop at 0 | held-out α_EO=0 | held-out drop at 0 | paper (${paperAt}) |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| complete | - | ${study.complete.nCells} | ${study.complete.accuracy[0].toFixed(4)} | ${study.complete.accuracy[1].toFixed(4)} | ${study.complete.bayesAccuracy.toFixed(4)} | 0 | ${study.complete.heldOut ? f(study.complete.heldOut.accuracy[0]) : ''} | 0 | |`,
  ];
  for (const s of study.settings)
    lines.push(
      `| ${s.scenario} | ${s.strategy}${s.failedRuns > 0 ? ` (${s.failedRuns} of ${study.seeds} seeds had no frontier)` : ''} | ${s.nCells.mean.toFixed(0)} | ${f(s.accuracy[0])} | ${f(s.accuracy[1])} | ${f(s.accuracy[2])} | ${f(s.drop[0])} | ${s.heldOut ? f(s.heldOut.accuracy[0]) : ''} | ${s.heldOut ? f(s.heldOut.drop[0]) : ''} | ${s.strategy === 'mode' ? (PAPER[name][s.scenario] ?? '') : ''} |`,
    );
  return lines.join('\n');
}

const out: Record<string, unknown> = {};
for (const name of datasets) {
  const source = name === 'compas' ? compasSource(loadCompasRaw()) : adultSource(loadAdultRaw());
  const started = performance.now();
  const study = await missingStudy({
    source,
    scenarios: paperScenarios(source, { rateMajor: 0.1, rateMinor: [0.1, 0.3, 0.5, 0.7] }),
    strategies: STRATEGIES,
    measure: 'eo',
    alphas: ALPHAS,
    seed: 2023,
    seeds,
    heldOut: { holdout: 0.3 },
    onProgress: (p) =>
      process.stderr.write(
        `\r${name}: ${p.done}/${p.total} ${p.scenario} ${p.strategy} seed ${p.seedIndex}     `,
      ),
  });
  process.stderr.write('\n');
  console.log(table(study, name));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  out[name] = { ...study, runs: undefined };
}
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
