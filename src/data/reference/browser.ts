/**
 * The browser-safe part of the reference data sets: the COMPAS and Adult parsers and encoders, which take the
 * files' text (docs/design.md, Code layout: each folder with Node-only files has a `browser.ts` sub-barrel that
 * both its `index.ts` and `src/browser.ts` re-export).
 */
export { type ReferenceText } from './raw-columns.js';
export {
  compasRawFromText,
  encodeCompas,
  COMPAS_FILE,
  COMPAS_RAW_FEATURES,
  COMPAS_PAPER_MODES,
  COMPAS_FEATURE_NAMES,
  COMPAS_GROUP_NAMES,
  COMPAS_CLASS_NAMES,
  type CompasRaw,
  type CompasRawFeature,
} from './compas.js';
export {
  adultRawFromText,
  encodeAdult,
  ADULT_FILES,
  ADULT_RAW_FEATURES,
  ADULT_PAPER_MODES,
  ADULT_FEATURE_NAMES,
  ADULT_GROUP_NAMES,
  ADULT_CLASS_NAMES,
  type AdultRaw,
  type AdultRawFeature,
} from './adult.js';
