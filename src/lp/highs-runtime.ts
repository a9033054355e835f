import highsModule, { type Highs, type InitOptions } from 'highs';
import { InputError } from '../errors.js';

// The package's types describe a CommonJS module whose default export is the loader; under Node's ESM
// resolution the default import is the loader itself. Accept both shapes.
type Loader = (options?: InitOptions) => Promise<Highs>;
const loadHighs: Loader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as Loader)
    : (highsModule as unknown as { default: Loader }).default;

/**
 * Where the HiGHS WebAssembly binary comes from. Node finds `highs.wasm` beside the loader by itself; a browser
 * bundle usually cannot, so give its URL (`locateFile`), its bytes (`wasmBinary`) or a compiled module
 * (`wasmModule`).
 */
export type HighsLoadOptions = Pick<InitOptions, 'locateFile' | 'wasmBinary' | 'wasmModule'>;

let loadOptions: HighsLoadOptions | undefined;
let runtime: Promise<Highs> | undefined;

/**
 * Sets how the HiGHS runtime is loaded; call it before the first solve (in a browser, e.g.
 * `configureHighs({ locateFile: () => new URL('highs.wasm', import.meta.url).href })`).
 * @throws InputError E_BAD_OPTION once the runtime has been loaded
 */
export function configureHighs(options: HighsLoadOptions): void {
  if (runtime)
    throw new InputError('E_BAD_OPTION', 'configureHighs must be called before the first LP solve', {
      option: 'highs',
    });
  loadOptions = { ...options };
}

/** The HiGHS WebAssembly runtime, loaded once per process (or page). A failed load is retried on the next call. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs(loadOptions).catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}
