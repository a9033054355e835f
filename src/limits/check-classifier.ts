import { type Where, InputError, describeValue } from '../errors.js';
import type { ClassifierFeatureV1, FairClassifierV1 } from './fair-classifier.js';

/** How far a cell's probabilities may sum from 1 (the LP's h rows are exact to about 1e-12). */
export const CLASSIFIER_SUM_TOLERANCE = 1e-9;

const ENCODINGS = ['numeric', 'categorical', 'bins'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The one validator of an exported classifier (`FairClassifierV1`, the schema in docs/robustness.md): every field
 * with its type, then the numbers: each probability vector has one finite entry in [0, 1] per class summing to 1,
 * every cell key has one part per feature (then the group when group-aware) of the feature's kind, the fallback
 * covers every group. Used by `applyClassifier` and by `fairlimit apply` on the file it reads.
 * @param where the place named in errors (the file, or the library argument)
 * @throws InputError E_BAD_CLASSIFIER naming the field, what was expected and what was found
 */
export function checkClassifier(value: unknown, where: Where = { option: 'classifier' }): FairClassifierV1 {
  const fail = (field: string, expected: string, found: unknown): never => {
    throw new InputError(
      'E_BAD_CLASSIFIER',
      `not a valid fairlimit classifier: ${field} must be ${expected}, found ${describeValue(found)}`,
      where,
    );
  };
  const record = (v: unknown, field: string) => (isRecord(v) ? v : fail(field, 'an object', v));
  const text = (v: unknown, field: string) => (typeof v === 'string' ? v : fail(field, 'a string', v));
  const finite = (v: unknown, field: string) =>
    typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'a finite number', v);
  const list = (v: unknown, field: string) => (Array.isArray(v) ? v : fail(field, 'an array', v));
  const names = (v: unknown, field: string, minLength: number) => {
    const a = list(v, field).map((x, i) => text(x, `${field}[${i}]`));
    if (a.length < minLength) fail(field, `at least ${minLength} names`, v);
    const duplicate = a.find((x, i) => a.indexOf(x) !== i);
    if (duplicate !== undefined) fail(field, 'distinct names', duplicate);
    return a;
  };

  const a = record(value, 'the file');
  if (a.kind !== 'fairlimit-classifier') fail('kind', '"fairlimit-classifier"', a.kind);
  if (a.version !== 1) fail('version', '1', a.version);
  const source = record(a.source, 'source');
  text(source.name, 'source.name');
  text(source.distributionSha256, 'source.distributionSha256');
  if (source.fileSha256 !== undefined) text(source.fileSha256, 'source.fileSha256');
  const nRows = finite(source.nRows, 'source.nRows');
  if (!Number.isInteger(nRows) || nRows < 0) fail('source.nRows', 'a non-negative integer', nRows);

  const encoding = record(a.encoding, 'encoding');
  names(encoding.groupColumns, 'encoding.groupColumns', 0);
  text(encoding.labelColumn, 'encoding.labelColumn');
  if (typeof encoding.isGroupAware !== 'boolean')
    fail('encoding.isGroupAware', 'true or false', encoding.isGroupAware);
  const features: ClassifierFeatureV1[] = list(encoding.features, 'encoding.features').map((f, j) => {
    const field = `encoding.features[${j}]`;
    const feature = record(f, field);
    const name = text(feature.name, `${field}.name`);
    const kind = feature.encoding;
    if (!ENCODINGS.includes(kind as (typeof ENCODINGS)[number]))
      fail(`${field}.encoding`, `one of ${ENCODINGS.join(', ')}`, kind);
    if (kind === 'categorical') names(feature.levels, `${field}.levels`, 1);
    if (kind === 'bins') {
      const edges = list(feature.edges, `${field}.edges`).map((e, i) => finite(e, `${field}.edges[${i}]`));
      if (edges.some((e, i) => i > 0 && !(e > edges[i - 1])))
        fail(`${field}.edges`, 'increasing numbers', feature.edges);
    }
    return { ...(feature as unknown as ClassifierFeatureV1), name };
  });
  names(
    features.map((f) => f.name),
    'encoding.features names',
    0,
  );
  if (encoding.derive !== undefined)
    list(encoding.derive, 'encoding.derive').forEach((d, i) => text(d, `encoding.derive[${i}]`));
  if (encoding.valueMaps !== undefined)
    for (const [column, map] of Object.entries(record(encoding.valueMaps, 'encoding.valueMaps')))
      for (const [from, to] of Object.entries(record(map, `encoding.valueMaps.${column}`)))
        text(to, `encoding.valueMaps.${column}.${from}`);

  const groups = names(a.groups, 'groups', 1);
  const classes = names(a.classes, 'classes', 2);
  const C = classes.length;
  const probabilities = (v: unknown, field: string) => {
    const p = list(v, field);
    if (p.length !== C) fail(field, `${C} probabilities (one per class)`, v);
    let sum = 0;
    p.forEach((x, c) => {
      const q = finite(x, `${field}[${c}]`);
      if (q < 0 || q > 1) fail(`${field}[${c}]`, 'a probability in [0, 1]', q);
      sum += q;
    });
    if (Math.abs(sum - 1) > CLASSIFIER_SUM_TOLERANCE)
      fail(field, `probabilities summing to 1 (within ${CLASSIFIER_SUM_TOLERANCE})`, `sum ${sum}`);
  };

  const point = record(a.point, 'point');
  text(point.objective, 'point.objective');
  finite(point.value, 'point.value');
  const accuracy = finite(point.accuracy, 'point.accuracy');
  if (accuracy < 0 || accuracy > 1) fail('point.accuracy', 'a number in [0, 1]', accuracy);
  for (const part of ['alpha', 'violations'] as const)
    for (const [k, v] of Object.entries(record(point[part], `point.${part}`)))
      finite(v, `point.${part}.${k}`);

  const isGroupAware = encoding.isGroupAware as boolean;
  const keyLength = features.length + (isGroupAware ? 1 : 0);
  for (const [key, p] of Object.entries(record(a.cells, 'cells'))) {
    const field = `cells[${JSON.stringify(key)}]`;
    let parts: unknown;
    try {
      parts = JSON.parse(key);
    } catch {
      fail(`the key of ${field}`, 'a JSON array', key);
    }
    if (!Array.isArray(parts) || parts.length !== keyLength)
      fail(
        `the key of ${field}`,
        `a JSON array of ${keyLength} values (one per feature${isGroupAware ? ', then the group' : ''})`,
        key,
      );
    const keyParts = parts as unknown[];
    features.forEach((f, j) => {
      const part = keyParts[j];
      const ok =
        f.encoding === 'numeric'
          ? typeof part === 'number' && Number.isFinite(part)
          : f.encoding === 'bins'
            ? typeof part === 'string' &&
              /^bin (0|[1-9]\d*)$/.test(part) &&
              Number(part.slice(4)) <= f.edges!.length
            : typeof part === 'string' && (f.levels!.includes(part) || /^#\d+$/.test(part));
      if (!ok) fail(`the key of ${field}, part ${j + 1} (${f.name})`, `a ${f.encoding} value`, part);
    });
    if (isGroupAware && !groups.includes(keyParts[keyLength - 1] as string))
      fail(`the key of ${field}, last part`, `a group of groups`, keyParts[keyLength - 1]);
    probabilities(p, field);
  }

  const fallback = record(a.fallback, 'fallback');
  if (fallback.policy !== 'group-average') fail('fallback.policy', '"group-average"', fallback.policy);
  const byGroup = record(fallback.byGroup, 'fallback.byGroup');
  for (const g of groups)
    if (!Object.hasOwn(byGroup, g))
      fail(`fallback.byGroup[${JSON.stringify(g)}]`, 'present for every group', undefined);
  for (const [g, p] of Object.entries(byGroup)) {
    if (!groups.includes(g)) fail('fallback.byGroup', 'keyed by the groups', g);
    probabilities(p, `fallback.byGroup[${JSON.stringify(g)}]`);
  }
  probabilities(fallback.overall, 'fallback.overall');
  text(a.seedPolicy, 'seedPolicy');
  return a as unknown as FairClassifierV1;
}
