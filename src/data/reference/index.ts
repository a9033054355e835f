// The browser-safe parsers (browser.ts), then the Node-only readers of the data folder.
export * from './browser.js';
export {
  referenceDataDir,
  referenceFile,
  packageRoot,
  DATA_DIR_VARIABLE,
  type ReferenceLoadOptions,
} from './data-dir.js';
export { ageBucket, hoursBucket, stayBucket } from './buckets.js';
export { cloneRaw } from './raw-columns.js';
export { loadCompasRaw, loadAdultRaw } from './reference-files.js';
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
