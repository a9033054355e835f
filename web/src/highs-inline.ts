/**
 * The HiGHS loader with its WebAssembly inlined: the web build points every `import 'highs'` of the library here,
 * so the solver needs no network request and no file URL (a page opened over file:// may fetch neither). The
 * binary is compiled once per worker; `instantiateWasm` replaces Emscripten's own fetch of `highs.wasm`.
 */
import loadHighsModule from 'highs-loader';
import wasmBytes from 'highs-wasm';

let compiled: Promise<WebAssembly.Module> | undefined;

type Settings = Record<string, unknown>;

/** Same signature as the `highs` package's default export. */
export default function loadHighs(settings: Settings = {}): ReturnType<typeof loadHighsModule> {
  compiled ??= WebAssembly.compile(wasmBytes as unknown as ArrayBuffer);
  return loadHighsModule({
    ...settings,
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
      compiled!.then((module) => WebAssembly.instantiate(module, imports)).then(done);
      return {};
    },
  });
}
