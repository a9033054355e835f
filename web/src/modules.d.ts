/** Names the web build resolves itself (see web/build.ts). */
declare module 'highs-wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
declare module 'worker-source' {
  /** The analyzer worker's bundled code, started from a Blob URL. */
  const code: string;
  export default code;
}
/** fairlimit's version, set by the web build. */
declare const __FAIRLIMIT_VERSION__: string;
