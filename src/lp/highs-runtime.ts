import highsModule, { type Highs } from 'highs';

// The package's types describe a CommonJS module whose default export is the loader; under Node's ESM
// resolution the default import is the loader itself. Accept both shapes.
type Loader = () => Promise<Highs>;
const loadHighs: Loader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as Loader)
    : (highsModule as unknown as { default: Loader }).default;

let runtime: Promise<Highs> | undefined;

/** The HiGHS WebAssembly runtime, loaded once per process. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/** HiGHS model status codes (highs.constants.modelStatus) as words, for error messages. */
export const HIGHS_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty',
  7: 'optimal',
  8: 'infeasible',
  9: 'unbounded or infeasible',
  10: 'unbounded',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
};
