#!/usr/bin/env node
// Start-up of a short-lived command (docs/performance.md, Start-up):
// - V8 compiles the hot HiGHS WebAssembly functions again with its optimizing compiler in background threads, and
//   a process does not exit before those compile jobs finish: a COMPAS frontier waited about 0.3 s for code it
//   would never run. Ten times V8's default tiering budget leaves short runs on the baseline code; long sweeps
//   still tier up (measured: no slower).
// - Node >= 22.1 can keep the compiled JavaScript of the package in its on-disk compile cache.
import module from 'node:module';
import v8 from 'node:v8';

module.enableCompileCache?.();
v8.setFlagsFromString('--wasm-tiering-budget=18000000');
const { runFromProcess } = await import('../dist/cli/process-io.js');
await runFromProcess();
