/**
 * Missing values (docs/design.md, Missing values): mechanisms, handling strategies, and how missingness
 * lowers the limit itself.
 */
export {
  MechanismKind,
  isMechanismKind,
  majorMinorRates,
  checkRates,
  mechanismLabel,
  type Mechanism,
} from './mechanism.js';
export { Strategy, STRATEGIES, isStrategy } from './strategy.js';
export {
  compasSource,
  adultSource,
  tableSource,
  selectColumns,
  type MissingSource,
  type MissingColumn,
  type TableSourceOptions,
} from './missing-source.js';
export {
  drawMissingMask,
  maskRates,
  rowHasMissing,
  withMissingAsNaN,
  type MissingMask,
  type MaskRates,
} from './missing-mask.js';
export { handleMissing, ModeSource, type HandleOptions, type HandledData } from './handle-missing.js';
export { conditionalModeImpute } from './conditional-mode-imputer.js';
export { observedMode, observedMean, observedMedian } from './column-statistics.js';
export {
  missingPopulation,
  populationDistribution,
  type Population,
  type PopulationCell,
  type PopulationStrategy,
  type PopulationMissingOptions,
} from './missing-population.js';
export {
  missingStudy,
  paperScenarios,
  type MissingScenario,
  type MissingStudyOptions,
  type MissingStudy,
  type MissingRun,
  type MissingSetting,
  type MissingProgress,
  type MissingFailure,
  type MissingBenchmarkPoint,
  type MissingBenchmarkReplicate,
  type HeldOutCurve,
} from './missing-study.js';
export { summarize, type SeedSummary } from './seed-summary.js';
export * as missingTolerances from './tolerances.js';
