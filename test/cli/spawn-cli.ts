import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built executable (`npm test` builds first; the tests check it exists). */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/fairlimit.js');
export const DIST_MAIN = path.resolve(path.dirname(BIN), '../dist/cli/main.js');
export const hasDist = () => existsSync(DIST_MAIN);

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `fairlimit ARGS` as a real child process (the built bin), capturing its output. */
export function startCli(
  args: readonly string[],
  options: SpawnOptions = {},
): { child: ChildProcess; done: Promise<ChildRun> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stdout?.on('error', () => undefined);
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<ChildRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `fairlimit ARGS` to the end as a child process. */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): Promise<ChildRun> {
  return startCli(args, options).done;
}

/** Whether this process runs as root (permission checks then need a child running as `nobody`). */
export const isRoot = () => process.getuid?.() === 0;

/** Spawn options that drop root to nobody (uid/gid 65534), so that file permissions apply. */
export const AS_NOBODY: SpawnOptions = isRoot() ? { uid: 65534, gid: 65534 } : {};
