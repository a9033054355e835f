import { expect, test } from 'vitest';
import {
  MODEL_PRESETS,
  describeModelSpec,
  learnerFromSpec,
  learnersFromText,
  paperPresetFor,
  parseModelSpecs,
  randomForest,
  type FittedRandomForest,
} from '../../src/learn/index.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { featureMatrixFromTable } from '../../src/learn/index.js';
import { createRng } from '../../src/rng.js';

test('model specs: names, settings after ":" and after commas, presets overridden, duplicates numbered', () => {
  const specs = parseModelSpecs(
    'rf:nEstimators=15,minSamplesLeaf=3,bootstrap=false,criterion=entropy,logit,rf-paper-compas:nEstimators=5,gbm,gbm',
  );
  expect(specs.map((s) => s.name)).toEqual(['rf', 'logit', 'rf-paper-compas', 'gbm', 'gbm#2']);
  expect(specs[0]).toEqual({
    name: 'rf',
    learner: 'rf',
    options: { nEstimators: 15, minSamplesLeaf: 3, bootstrap: false, criterion: 'entropy' },
  });
  expect(specs[2].options).toEqual({ ...MODEL_PRESETS['rf-paper-compas'].options, nEstimators: 5 });
  expect(describeModelSpec(specs[0])).toBe(
    'rf:nEstimators=15,minSamplesLeaf=3,bootstrap=false,criterion=entropy',
  );
  expect(parseModelSpecs('rf:maxDepth=none,maxFeatures=0.5')[0].options).toEqual({
    maxDepth: Infinity,
    maxFeatures: 0.5,
  });
});

test('the paper presets: Adult and COMPAS by name, the COMPAS setting for German and HSLS, rf-paper otherwise', () => {
  expect(paperPresetFor('adult')).toBe('rf-paper-adult');
  expect(paperPresetFor('COMPAS')).toBe('rf-paper-compas');
  expect(paperPresetFor('german')).toBe('rf-paper-german');
  expect(paperPresetFor('my-data.csv')).toBe('rf-paper');
  expect(MODEL_PRESETS['rf-paper-adult'].options).toEqual({
    nEstimators: 15,
    minSamplesLeaf: 3,
    bootstrap: false,
    criterion: 'entropy',
    maxFeatures: 'sqrt',
  });
  expect(MODEL_PRESETS['rf-paper-compas'].options).toEqual({ nEstimators: 17, maxFeatures: 'sqrt' });
});

test('a spec builds the learner it names: same seed, same trees as the direct call', () => {
  const table = syntheticTable({ seed: 2, nRows: 400 });
  const data = { x: featureMatrixFromTable(table), y: table.label, nClasses: 2 };
  const viaSpec = learnerFromSpec(parseModelSpecs('rf-paper-adult:nEstimators=3')[0]).fit(
    data,
    createRng(5),
  ) as FittedRandomForest;
  const direct = randomForest({
    nEstimators: 3,
    minSamplesLeaf: 3,
    bootstrap: false,
    criterion: 'entropy',
  }).fit(data, createRng(5)) as FittedRandomForest;
  expect(viaSpec.trees.length).toBe(3);
  expect(Array.from(viaSpec.predictProba(data.x))).toEqual(Array.from(direct.predictProba(data.x)));
});

test.each([
  ['forest', /unknown base model "forest"/],
  ['rf:trees=3', /base model rf: unknown setting "trees" \(rf takes nEstimators, /],
  ['rf:nEstimators=many', /nEstimators must be a non-negative integer, got "many"/],
  ['rf:bootstrap=yes', /bootstrap must be true or false, got "yes"/],
  ['rf:criterion=mse', /criterion must be gini, entropy or log_loss/],
  ['rf:maxFeatures=most', /maxFeatures must be sqrt, log2, all/],
  ['logit:C=big', /C must be a finite number/],
  ['nEstimators=3,rf', /comes before any base model name/],
  ['rf,,gbm', /has an empty item/],
  ['rf:nEstimators', /unknown setting "nEstimators"/],
])('--model %s is refused with E_BAD_OPTION naming the problem', (text, message) => {
  expect(() => learnersFromText(text)).toThrowError(
    expect.objectContaining({ code: 'E_BAD_OPTION', message: expect.stringMatching(message) }),
  );
});

test('out-of-range values are refused by the learner when it is built', () => {
  expect(() => learnersFromText('rf:nEstimators=0')).toThrowError(
    expect.objectContaining({ code: 'E_BAD_OPTION', message: expect.stringMatching(/nEstimators must be/) }),
  );
  expect(() => learnersFromText('rf:minSamplesLeaf=0')).toThrowError(
    expect.objectContaining({ code: 'E_BAD_OPTION' }),
  );
});
