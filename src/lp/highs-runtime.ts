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

/** Emscripten's hook for instantiating the module itself: given the imports, it hands back the instance. */
type InstantiateWasm = (imports: object, receive: (instance: object, module?: object) => void) => object;

/** The two WebAssembly names used here: src compiles against ES2023 only, which does not declare them. */
interface WasmApi {
  readonly Module: abstract new (...args: never[]) => object;
  instantiate(source: unknown, imports: object): Promise<unknown>;
}
const wasmApi = () => (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

/**
 * Loads HiGHS with the given options. highs 1.15.3's Emscripten loader reads neither `wasmBinary` nor
 * `wasmModule` (whatever its types say) and otherwise resolves "highs.wasm" against `import.meta.url`, which a
 * bundle does not have ("Invalid URL"): given bytes or a module, we instantiate them ourselves through the
 * loader's `instantiateWasm` hook.
 */
function load(options: HighsLoadOptions | undefined): Promise<Highs> {
  const source = options?.wasmModule ?? options?.wasmBinary;
  if (source === undefined) return loadHighs(options);
  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const instantiateWasm: InstantiateWasm = (imports, receive) => {
    const wasm = wasmApi();
    const instantiated =
      source instanceof wasm.Module
        ? wasm.instantiate(source, imports).then((instance) => receive(instance as object, source))
        : wasm.instantiate(source, imports).then((r) => {
            const { instance, module } = r as { readonly instance: object; readonly module: object };
            receive(instance, module);
          });
    instantiated.catch(fail);
    return {};
  };
  return Promise.race([loadHighs({ ...options, instantiateWasm } as InitOptions), failed]);
}

/** The HiGHS WebAssembly runtime, loaded once per process (or page). A failed load is retried on the next call. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= load(loadOptions).catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}
