// SHA-256 from @noble/hashes rather than node:crypto: limits is part of the browser core (src/browser.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { FeatureSummary } from '../data/encode-table.js';
import { type EncodedTable, checkEncodedTable } from '../data/table.js';
import { type Distribution, distributionFromTable } from '../distribution/index.js';
import { InputError, describeValue } from '../errors.js';
import { checkOptionsObject } from '../check-masses.js';
import { checkClassifier } from './check-classifier.js';
import { createRng } from '../rng.js';
import type { FairFrontPoint } from './frontier-model.js';

/** How a feature of the training table was encoded, so that new rows get the same cells. */
export interface ClassifierFeatureV1 {
  readonly name: string;
  readonly encoding: 'numeric' | 'categorical' | 'bins';
  /** Category names (categorical). */
  readonly levels?: readonly string[];
  /** Bin edges (bins): the bin of x is the number of edges <= x. */
  readonly edges?: readonly number[];
}

/**
 * The optimal randomized classifier of one frontier point as a deployable artifact (see docs/constraints.md,
 * The fair classifier as an artifact). Cells are keyed by feature values (category names, bin numbers, numbers)
 * and, when group-aware, the group name, so that they do not depend on the codes of one data set.
 */
export interface FairClassifierV1 {
  readonly kind: 'fairlimit-classifier';
  readonly version: 1;
  /** Where it came from: the data's name, the file's SHA-256 when read from a file, and a hash of the cells. */
  readonly source: {
    readonly name: string;
    readonly fileSha256?: string;
    /** SHA-256 of the training distribution (cell keys and masses): the data the rule is optimal for. */
    readonly distributionSha256: string;
    readonly nRows: number;
  };
  readonly encoding: {
    readonly groupColumns: readonly string[];
    readonly labelColumn: string;
    readonly isGroupAware: boolean;
    readonly features: readonly ClassifierFeatureV1[];
    /** Derived columns (mathjs) and value maps the training table used; re-applied to new rows. */
    readonly derive?: readonly string[];
    readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  readonly groups: readonly string[];
  readonly classes: readonly string[];
  /** The point: bounds, objective, and what the rule reaches on the training distribution (expectations). */
  readonly point: {
    readonly alpha: Readonly<Record<string, number>>;
    readonly objective: string;
    readonly value: number;
    readonly accuracy: number;
    readonly violations: Readonly<Record<string, number>>;
  };
  /** Cell key (JSON array of feature values, then the group name when group-aware) -> P(Yhat = c), per class. */
  readonly cells: Readonly<Record<string, readonly number[]>>;
  /**
   * Unseen cells: the rule's average prediction over the training rows of the row's group (`byGroup`), or over
   * all training rows when the group is unknown too (`overall`).
   */
  readonly fallback: {
    readonly policy: 'group-average';
    readonly byGroup: Readonly<Record<string, readonly number[]>>;
    readonly overall: readonly number[];
  };
  /** The randomization: a text stating the rule `applyClassifier` follows. */
  readonly seedPolicy: string;
}

export const SEED_POLICY =
  "row i (0-based, in input order) draws u_i, the i-th number of fairlimit's seeded generator createRng(seed), and predicts the first class c with u_i < p_0 + ... + p_c";

/** What the training table's features were (from the data layer's summary; numeric when unknown). */
function featuresOf(
  table: EncodedTable,
  summaries: readonly FeatureSummary[] | undefined,
): ClassifierFeatureV1[] {
  return table.featureNames.map((name) => {
    const s = summaries?.find((f) => f.name === name);
    if (s?.encoding === 'categorical' && s.levels)
      return { name, encoding: 'categorical', levels: [...s.levels] };
    if (s?.encoding === 'bins' && s.edges) return { name, encoding: 'bins', edges: [...s.edges] };
    return { name, encoding: 'numeric' };
  });
}

/** The value-space key of row i: category names, bin numbers and numbers, then the group name (group-aware). */
function rowKey(
  table: EncodedTable,
  i: number,
  features: readonly ClassifierFeatureV1[],
  isGroupAware: boolean,
): string {
  const parts: (string | number)[] = features.map((f, j) => {
    const v = table.features[j][i];
    if (f.encoding === 'categorical') return f.levels?.[v] ?? `#${v}`;
    if (f.encoding === 'bins') return `bin ${v}`;
    return v;
  });
  if (isGroupAware) parts.push(table.groupNames[table.group[i]]);
  return JSON.stringify(parts);
}

function distributionHash(d: Distribution): string {
  const hash = sha256.create();
  hash.update(utf8ToBytes(JSON.stringify([d.cellKeys, d.groupNames, d.classNames, d.isGroupAware])));
  hash.update(new Uint8Array(d.mass.buffer, d.mass.byteOffset, d.mass.byteLength));
  return bytesToHex(hash.digest());
}

export interface ExportClassifierInput {
  /** The training rows the frontier was computed on. */
  readonly table: EncodedTable;
  /** The point whose h is exported; solved on `distributionFromTable(table, { isGroupAware })`. */
  readonly point: FairFrontPoint;
  readonly isGroupAware: boolean;
  /** Feature encodings from the data layer (`TableSummary.features`); features not listed are numeric. */
  readonly features?: readonly FeatureSummary[];
  readonly groupColumns?: readonly string[];
  readonly labelColumn?: string;
  readonly derive?: readonly string[];
  readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly fileSha256?: string;
}

/**
 * The optimal randomized rule of a frontier point as a plain JSON-able artifact (`FairClassifierV1`).
 * @throws InputError E_BAD_OPTION when the point was not solved on this table's cells
 */
export function exportClassifier(input: ExportClassifierInput): FairClassifierV1 {
  checkOptionsObject(input, 'input');
  const { table, point, isGroupAware } = input;
  checkEncodedTable(table, 'input.table');
  if (point === null || typeof point !== 'object' || !(point.h instanceof Float64Array))
    throw new InputError(
      'E_BAD_OPTION',
      `input.point must be a frontier point (fairFront's result, with h), got ${describeValue(point)}`,
      { option: 'input.point' },
    );
  if (typeof isGroupAware !== 'boolean')
    throw new InputError(
      'E_BAD_OPTION',
      `input.isGroupAware must be true or false, got ${describeValue(isGroupAware)}`,
      {
        option: 'input.isGroupAware',
      },
    );
  const { distribution, cellOfRow } = distributionFromTable(table, { isGroupAware });
  const C = distribution.nClasses;
  if (point.h.length !== distribution.nCells * C)
    throw new InputError(
      'E_BAD_OPTION',
      `the point's classifier has ${point.h.length / C} cells, the table ${distribution.nCells}: export the point solved on this table`,
      { option: '--export-classifier' },
    );
  const features = featuresOf(table, input.features);
  const cells: Record<string, number[]> = {};
  const byGroupSum = table.groupNames.map(() => new Float64Array(C));
  const byGroupWeight = new Float64Array(table.groupNames.length);
  const overall = new Float64Array(C);
  let total = 0;
  for (let i = 0; i < table.nRows; i++) {
    const k = cellOfRow[i];
    const key = rowKey(table, i, features, isGroupAware);
    const probabilities = Array.from(point.h.subarray(k * C, (k + 1) * C));
    cells[key] ??= probabilities;
    const w = table.weight ? table.weight[i] : 1;
    for (let c = 0; c < C; c++) {
      byGroupSum[table.group[i]][c] += w * probabilities[c];
      overall[c] += w * probabilities[c];
    }
    byGroupWeight[table.group[i]] += w;
    total += w;
  }
  // Keys in sorted order: the same table gives the same bytes.
  const sortedCells: Record<string, number[]> = {};
  for (const key of Object.keys(cells).sort()) sortedCells[key] = cells[key];
  // fromEntries defines own keys, so a group named "__proto__" stays a key (assignment would set the prototype).
  const byGroup: Record<string, number[]> = Object.fromEntries(
    table.groupNames.flatMap((g, s) =>
      byGroupWeight[s] > 0 ? [[g, Array.from(byGroupSum[s], (v) => v / byGroupWeight[s])]] : [],
    ),
  );
  return {
    kind: 'fairlimit-classifier',
    version: 1,
    source: {
      name: table.name,
      ...(input.fileSha256 ? { fileSha256: input.fileSha256 } : {}),
      distributionSha256: distributionHash(distribution),
      nRows: table.nRows,
    },
    encoding: {
      groupColumns: [...(input.groupColumns ?? [])],
      labelColumn: input.labelColumn ?? '',
      isGroupAware,
      features,
      ...(input.derive && input.derive.length > 0 ? { derive: [...input.derive] } : {}),
      ...(input.valueMaps && Object.keys(input.valueMaps).length > 0 ? { valueMaps: input.valueMaps } : {}),
    },
    groups: [...table.groupNames],
    classes: [...table.classNames],
    point: {
      alpha: { ...point.alpha },
      objective: point.objective,
      value: point.value,
      accuracy: point.accuracy,
      violations: { ...point.violations },
    },
    cells: sortedCells,
    fallback: { policy: 'group-average', byGroup, overall: Array.from(overall, (v) => v / total) },
    seedPolicy: SEED_POLICY,
  };
}

/** Predictions of a fair classifier on new rows. */
export interface AppliedClassifier {
  /** P(Yhat = c) per row (row-major nRows x nClasses of the artifact's classes). */
  readonly probabilities: Float64Array;
  /** The seeded draw per row (an index into the artifact's classes). */
  readonly prediction: Int32Array;
  /** 1 where the row's cell was in the training data, 0 where the fallback was used. */
  readonly isSeen: Uint8Array;
  readonly unseenShare: number;
  /**
   * With labels (classes named as in the artifact): the expected accuracy sum_i w_i p_i(y_i) / sum_i w_i and the
   * realized accuracy of the draws. Null without labels.
   */
  readonly expectedAccuracy: number | null;
  readonly realizedAccuracy: number | null;
}

/**
 * Applies an exported classifier to the rows of `table` (encoded with the artifact's features: the same levels'
 * names, bin edges and group names). Rows in unseen cells get the fallback; predictions are drawn with `seed`
 * following `SEED_POLICY`, so the same rows and seed give the same predictions.
 * @throws InputError E_BAD_CLASSIFIER (an artifact that breaks the schema or its numbers, see checkClassifier),
 *   E_BAD_OPTION (features or classes that do not match the artifact, a bad seed or table)
 */
export function applyClassifier(
  artifact: FairClassifierV1,
  table: EncodedTable,
  options: {
    readonly seed: number;
    readonly hasLabels?: boolean;
    /** The new table's feature encodings (its categorical levels); absent = coded as the training table. */
    readonly features?: readonly FeatureSummary[];
  },
): AppliedClassifier {
  checkClassifier(artifact);
  checkOptionsObject(options, 'options');
  checkEncodedTable(table);
  createRng(options.seed); // the seed's range, before any work
  const features = artifact.encoding.features;
  const names = features.map((f) => f.name);
  if (names.length !== table.featureNames.length || names.some((n, j) => n !== table.featureNames[j]))
    throw new InputError(
      'E_BAD_OPTION',
      `the rows have features ${table.featureNames.join(', ')}; the classifier needs ${names.join(', ')}`,
      { option: 'classifier' },
    );
  const C = artifact.classes.length;
  // Re-code categorical values by name: the new table's levels may be ordered differently.
  const localFeatures: ClassifierFeatureV1[] = features.map((f) => {
    const levels = options.features?.find((g) => g.name === f.name)?.levels;
    return f.encoding === 'categorical' && levels ? { ...f, levels } : f;
  });
  const n = table.nRows;
  const probabilities = new Float64Array(n * C);
  const prediction = new Int32Array(n);
  const isSeen = new Uint8Array(n);
  const rng = createRng(options.seed);
  const classOf = table.classNames.map((name) => artifact.classes.indexOf(name));
  let unseen = 0;
  let expected = 0;
  let realized = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const key = rowKey(table, i, localFeatures, artifact.encoding.isGroupAware);
    // Own keys only: a group named "constructor" must not find Object.prototype.constructor.
    let p = Object.hasOwn(artifact.cells, key) ? artifact.cells[key] : undefined;
    if (p) isSeen[i] = 1;
    else {
      unseen++;
      const group = table.groupNames[table.group[i]];
      p = Object.hasOwn(artifact.fallback.byGroup, group)
        ? artifact.fallback.byGroup[group]
        : artifact.fallback.overall;
    }
    const u = rng.next();
    let cumulative = 0;
    let drawn = C - 1;
    for (let c = 0; c < C; c++) {
      probabilities[i * C + c] = p[c];
      cumulative += p[c];
      if (drawn === C - 1 && u < cumulative) drawn = c;
    }
    prediction[i] = drawn;
    if (options.hasLabels) {
      const y = classOf[table.label[i]];
      const w = table.weight ? table.weight[i] : 1;
      total += w;
      if (y >= 0) {
        expected += w * p[y];
        if (drawn === y) realized += w;
      }
    }
  }
  return {
    probabilities,
    prediction,
    isSeen,
    unseenShare: n > 0 ? unseen / n : 0,
    expectedAccuracy: options.hasLabels && total > 0 ? expected / total : null,
    realizedAccuracy: options.hasLabels && total > 0 ? realized / total : null,
  };
}
