/**
 * Missing-value studies (see docs/design.md, Missing values): the data sources whose columns go missing, the
 * paper's scenarios, the handling strategies, and the study itself (also `missingStudy` at the top level).
 */
export {
  missingStudy,
  paperScenarios,
  type MissingScenario,
  type MissingStudyOptions,
  type MissingStudy,
  type MissingSetting,
} from '../missing/missing-study.js';
export {
  compasSource,
  adultSource,
  tableSource,
  type MissingSource,
  type MissingColumn,
  type TableSourceOptions,
} from '../missing/missing-source.js';
export { STRATEGIES, isStrategy, type Strategy } from '../missing/strategy.js';
export { MechanismKind, type Mechanism } from '../missing/mechanism.js';
