import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Executes notebooks under the real tslab kernel with Debian's nbconvert, the way CI does. */

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const notebooksDir = path.join(repoRoot, 'notebooks');
/** Executed copies go here (git-ignored); CI keeps them as artifacts. */
export const executedDir = path.join(repoRoot, 'artifacts', 'notebooks');

/** A minimal tslab notebook with these code cells. */
export function notebookWith(cells: readonly string[]): object {
  return {
    cells: cells.map((source, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    })),
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The Python that has nbconvert and nbclient (Debian's; a pyenv python3 on PATH usually has neither). */
export const notebookPython = process.env.FAIRLIMIT_NOTEBOOK_PYTHON ?? '/usr/bin/python3';

/** Per-cell limit given to nbclient, in seconds: a slow cell fails rather than hangs. */
export const CELL_TIMEOUT_SECONDS = 240;

export interface NotebookCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly source: string | readonly string[];
  readonly execution_count?: number | null;
  /** nbclient records when each cell ran (tslab 1.0.22 sends no execution count). */
  readonly metadata?: { readonly execution?: Readonly<Record<string, string>> };
  readonly outputs?: readonly NotebookOutput[];
}

export interface NotebookOutput {
  readonly output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  readonly name?: 'stdout' | 'stderr';
  readonly text?: string | readonly string[];
  readonly data?: Readonly<Record<string, unknown>>;
  readonly ename?: string;
  readonly evalue?: string;
}

export interface Notebook {
  readonly cells: readonly NotebookCell[];
  readonly metadata: { readonly kernelspec?: { readonly name: string; readonly language?: string } };
}

export const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, 'utf8')) as Notebook;

export const joined = (x: string | readonly string[] | undefined): string =>
  x === undefined ? '' : typeof x === 'string' ? x : x.join('');

/**
 * A private Jupyter data folder whose kernelspec "tslab" runs this checkout's tslab, so the run does not depend
 * on (or get confused by) a kernel registered elsewhere; put first on JUPYTER_PATH.
 */
export function privateKernelPath(): string {
  linkPackageForNotebooks();
  const tslab = path.join(repoRoot, 'node_modules', '.bin', 'tslab');
  if (!existsSync(tslab)) throw new Error(`tslab is not installed (${tslab}): run npm ci`);
  const dataDir = path.join(repoRoot, 'artifacts', 'jupyter');
  const specDir = path.join(dataDir, 'kernels', 'tslab');
  mkdirSync(specDir, { recursive: true });
  const spec = {
    argv: [tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript',
    language: 'typescript',
  };
  writeFileSync(path.join(specDir, 'kernel.json'), `${JSON.stringify(spec)}\n`);
  return dataDir;
}

export interface ExecutionResult {
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly output: string;
  readonly elapsedMs: number;
}

/**
 * `python -m nbconvert --to notebook --execute` on one notebook (a name in notebooks/, or a path), writing the
 * executed copy to `executedDir`.
 */
export function executeNotebook(name: string): Promise<ExecutionResult> {
  mkdirSync(executedDir, { recursive: true });
  const input = path.isAbsolute(name) ? name : path.join(notebooksDir, name);
  const output = path.join(executedDir, path.basename(name));
  const jupyterPath = privateKernelPath();
  const args = [
    '-m',
    'nbconvert',
    '--to',
    'notebook',
    '--execute',
    input,
    '--output',
    output,
    `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_SECONDS}`,
    '--ExecutePreprocessor.kernel_name=tslab',
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(notebookPython, args, {
      cwd: notebooksDir,
      env: {
        ...process.env,
        JUPYTER_PATH: [jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({ exitCode, stderr, output, elapsedMs: performance.now() - started }),
    );
  });
}

/** Where the executed notebooks are published as HTML pages for readers (git-ignored, made by the test run). */
export const publishedDir = path.join(repoRoot, 'docs', 'notebooks');

/**
 * `python -m nbconvert --to html` on an executed notebook: a page with its charts and tables, under
 * docs/notebooks/ beside the guides.
 */
export function publishNotebook(
  executed: string,
): Promise<{ exitCode: number | null; stderr: string; html: string }> {
  mkdirSync(publishedDir, { recursive: true });
  const html = path.join(publishedDir, path.basename(executed).replace(/\.ipynb$/, '.html'));
  return new Promise((resolve, reject) => {
    const child = spawn(notebookPython, ['-m', 'nbconvert', '--to', 'html', executed, '--output', html], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stderr, html }));
  });
}

/**
 * notebooks/node_modules/fairlimit -> the package root, so that tslab (TypeScript `node10` resolution, imports
 * compiled to `require`) finds the package by its name from notebooks/, as in a user's project. Made here and by
 * `npm run notebooks:link` rather than committed (no node_modules path in the repository).
 */
export function linkPackageForNotebooks(): void {
  const link = path.join(notebooksDir, 'node_modules', 'fairlimit');
  try {
    lstatSync(link);
    return;
  } catch {
    // absent: create it below
  }
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync('../..', link);
}
