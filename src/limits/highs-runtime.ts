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
