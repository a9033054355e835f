/**
 * The reference data sets of the FairFront paper (COMPAS, Adult, German credit, HSLS), read from
 * `$FAIRLIMIT_DATA` with the paper's preprocessing; the raw COMPAS and Adult columns feed missing-value studies.
 */
export {
  loadReferenceDataset,
  REFERENCE_DATASETS,
  REFERENCE_DATASET_NAMES,
  isReferenceDatasetName,
  type ReferenceDatasetName,
  type ReferenceDatasetInfo,
} from '../data/reference/reference-datasets.js';
export {
  referenceDataDir,
  DATA_DIR_VARIABLE,
  type ReferenceLoadOptions,
} from '../data/reference/data-dir.js';
export { encodeCompas, type CompasRaw } from '../data/reference/compas.js';
export { encodeAdult, type AdultRaw } from '../data/reference/adult.js';
export { loadCompasRaw, loadAdultRaw } from '../data/reference/reference-files.js';
export { loadGerman } from '../data/reference/german.js';
export { loadHsls } from '../data/reference/hsls.js';
