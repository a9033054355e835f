export {
  referenceDataDir,
  referenceFile,
  packageRoot,
  DATA_DIR_VARIABLE,
  type ReferenceLoadOptions,
} from './data-dir.js';
export { ageBucket, hoursBucket, stayBucket } from './buckets.js';
export { cloneRaw, type ReferenceText } from './raw-columns.js';
export { loadCompasRaw, loadAdultRaw } from './reference-files.js';
export {
  compasRawFromText,
  encodeCompas,
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
  ADULT_RAW_FEATURES,
  ADULT_PAPER_MODES,
  ADULT_FEATURE_NAMES,
  ADULT_GROUP_NAMES,
  ADULT_CLASS_NAMES,
  type AdultRaw,
  type AdultRawFeature,
} from './adult.js';
export { loadGerman, GERMAN_FEATURE_NAMES, GERMAN_GROUP_NAMES, GERMAN_CLASS_NAMES } from './german.js';
export { loadHsls, HSLS_FEATURE_NAMES, HSLS_GROUP_NAMES, HSLS_CLASS_NAMES } from './hsls.js';
export {
  loadReferenceDataset,
  ReferenceDatasetName,
  REFERENCE_DATASET_NAMES,
  REFERENCE_DATASETS,
  isReferenceDatasetName,
  type ReferenceDatasetInfo,
} from './reference-datasets.js';
