import { randomBytes } from 'node:crypto';
import { constants, type Stats, chmodSync, renameSync, unlinkSync } from 'node:fs';
import { access, lstat, open, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** One output the user asked for: the option that names it and its path (`-` is stdout). */
export interface OutputRequest {
  readonly option: string;
  readonly path: string;
}

/**
 * How an output is written (see docs/robustness.md, Output files):
 * - `stdout`: the path `-` and the names of this process's stdout (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`);
 * - `in-place`: character devices, pipes, sockets and the other descriptors' names (`/dev/stderr`,
 *   `/dev/fd/N`, `/proc/self/fd/N`) are opened and written as they are, never replaced;
 * - `replace`: a regular file (new or existing, or reached through a symbolic link, which is kept) is written to
 *   a temporary file beside it and renamed over it, so it is never half-written.
 */
export type OutputTarget =
  | (OutputRequest & { readonly kind: 'stdout' })
  | (OutputRequest & { readonly kind: 'in-place'; readonly realPath: string })
  | (OutputRequest & { readonly kind: 'replace'; readonly realPath: string; readonly mode?: number });

const STD_STREAM_ALIAS = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/(self|thread-self|\d+)\/fd\/\d+)$/;
/** This process's stdout by another name: written through the stdout stream (a socket cannot be reopened). */
const isStdoutAlias = (absolute: string) =>
  absolute === '/dev/stdout' ||
  absolute === '/dev/fd/1' ||
  new RegExp(`^/proc/(self|thread-self|${process.pid})/fd/1$`).test(absolute);

function pathError(request: OutputRequest, why: string, cause?: unknown): InputError {
  return new InputError(
    'E_OUTPUT_PATH',
    `cannot write "${request.path}": ${why}`,
    { option: request.option },
    cause === undefined ? undefined : { cause },
  );
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

async function canWrite(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** What is at `path` now (undefined when nothing is), without following a final symbolic link. */
async function lstatOrUndefined(request: OutputRequest, path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined;
    if (errnoOf(e) === 'ENOTDIR') throw pathError(request, 'a part of the path is not a directory', e);
    if (errnoOf(e) === 'EACCES') throw pathError(request, 'permission denied', e);
    throw pathError(request, (e as Error).message, e);
  }
}

/** Decides how one output is written, refusing what cannot be written (before anything is computed). */
async function planOne(request: OutputRequest): Promise<OutputTarget> {
  const { path } = request;
  if (path === '-') return { ...request, kind: 'stdout' };
  if (path.trim() === '') throw pathError(request, 'the path is empty');
  const absolute = resolve(path);
  if (isStdoutAlias(absolute)) return { ...request, kind: 'stdout' };
  const found = await lstatOrUndefined(request, absolute);
  if (STD_STREAM_ALIAS.test(absolute)) {
    if (found === undefined) throw pathError(request, 'no such stream');
    return { ...request, kind: 'in-place', realPath: absolute };
  }
  if (found === undefined) {
    const parent = dirname(absolute);
    let parentInfo: Stats;
    try {
      parentInfo = await stat(parent);
    } catch (e) {
      throw pathError(request, `the directory "${dirname(path)}" does not exist`, e);
    }
    if (!parentInfo.isDirectory()) throw pathError(request, `"${dirname(path)}" is not a directory`);
    if (!(await canWrite(parent)))
      throw pathError(request, `permission denied: cannot create files in "${dirname(path)}"`);
    return { ...request, kind: 'replace', realPath: absolute };
  }
  let realPath = absolute;
  let info = found;
  if (found.isSymbolicLink()) {
    // Written through to the link's target, keeping the link (as a shell's `>` does).
    try {
      realPath = await realpath(absolute);
      info = await stat(realPath);
    } catch (e) {
      throw pathError(request, 'a symbolic link to a missing file (or a loop)', e);
    }
  }
  if (info.isDirectory()) throw pathError(request, 'it is a directory');
  if (!(await canWrite(realPath))) throw pathError(request, 'permission denied');
  if (!info.isFile()) return { ...request, kind: 'in-place', realPath };
  if (!(await canWrite(dirname(realPath))))
    throw pathError(request, `permission denied: cannot create files in "${dirname(realPath)}"`);
  return { ...request, kind: 'replace', realPath, mode: info.mode & 0o7777 };
}

/** An input file of the run (`what` names it in messages: `CSV file`, `classifier`, `--counts file`). */
export interface InputFile {
  readonly what: string;
  readonly path: string;
}

/**
 * Checks every output before any work: a directory, a missing parent directory, no write permission, a dangling
 * symbolic link, the same file named twice, two outputs on stdout, or an output that is one of the run's input
 * files are refused, naming the option and the path.
 * @param stdoutTaken whether stdout already carries the command's main output
 * @throws InputError E_OUTPUT_PATH
 */
export async function planOutputs(
  requests: readonly OutputRequest[],
  options: { readonly stdoutTaken?: boolean; readonly inputs?: readonly InputFile[] } = {},
): Promise<OutputTarget[]> {
  const targets: OutputTarget[] = [];
  for (const r of requests) targets.push(await planOne(r));
  for (const input of options.inputs ?? []) {
    // A missing input is its reader's error; one that exists must never be replaced by an output.
    const inputPath = await realpath(input.path).catch(() => undefined);
    const clash = targets.find((t) => t.kind === 'replace' && t.realPath === inputPath);
    if (clash) throw pathError(clash, `it is the input ${input.what} (an output never replaces an input)`);
  }
  const onStdout = targets.filter((t) => t.kind === 'stdout');
  if (onStdout.length + (options.stdoutTaken ? 1 : 0) > 1)
    throw pathError(onStdout[onStdout.length - 1], 'stdout already carries another output');
  const seen = new Map<string, OutputTarget>();
  for (const t of targets) {
    if (t.kind !== 'replace') continue;
    const before = seen.get(t.realPath);
    if (before)
      throw pathError(t, `the same file as ${before.option} "${before.path}" (one output per file)`);
    seen.set(t.realPath, t);
  }
  return targets;
}

function writeError(target: OutputTarget, cause: unknown): InputError {
  return new InputError(
    'E_WRITE_FAILED',
    `cannot write "${target.path}": ${errnoOf(cause) === 'ENOSPC' ? 'no space left on device' : (cause as Error).message}`,
    { option: target.option },
    { cause },
  );
}

const CLEANUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Writes planned outputs all-or-nothing for regular files: every content goes to a temporary file beside its
 * target; then devices and pipes are written in place; then every temporary file is renamed over its target.
 * On an error, or on SIGINT, SIGTERM or SIGHUP while this runs, the temporary files are removed and no regular
 * target has changed. The renames run synchronously, so no signal handler can run between two of them: either
 * all regular targets are replaced or none is. Outputs of kind `stdout` are left to the caller (printed last).
 * @throws InputError E_WRITE_FAILED naming the option and path
 */
export async function writeOutputs(
  outputs: readonly { readonly target: OutputTarget; readonly content: string | Uint8Array }[],
): Promise<void> {
  const temps: { temp: string; target: OutputTarget & { kind: 'replace' } }[] = [];
  const removeTemps = () => {
    for (const t of temps.splice(0))
      try {
        unlinkSync(t.temp);
      } catch {
        // already gone (never written, or renamed)
      }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    removeTemps();
    for (const s of CLEANUP_SIGNALS) process.removeListener(s, onSignal);
    // Die of the same signal (default action), so the parent sees how the run ended.
    process.kill(process.pid, signal);
  };
  for (const s of CLEANUP_SIGNALS) process.on(s, onSignal);
  try {
    for (const { target, content } of outputs) {
      if (target.kind !== 'replace') continue;
      const temp = join(
        dirname(target.realPath),
        `.${basename(target.realPath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
      );
      temps.push({ temp, target });
      try {
        await writeFile(temp, content, { flag: 'wx' });
        // An existing file keeps its permissions.
        if (target.mode !== undefined) chmodSync(temp, target.mode);
      } catch (e) {
        throw writeError(target, e);
      }
    }
    for (const { target, content } of outputs) {
      if (target.kind !== 'in-place') continue;
      try {
        const handle = await open(target.realPath, 'a');
        try {
          await handle.writeFile(content);
        } finally {
          await handle.close();
        }
      } catch (e) {
        throw writeError(target, e);
      }
    }
    for (let i = 0; i < temps.length; i++) {
      try {
        renameSync(temps[i].temp, temps[i].target.realPath);
      } catch (e) {
        throw writeError(temps[i].target, e);
      }
    }
    temps.length = 0;
  } finally {
    removeTemps();
    for (const s of CLEANUP_SIGNALS) process.removeListener(s, onSignal);
  }
}
