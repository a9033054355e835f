import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from './run-cli.js';
import { AS_NOBODY, hasDist, isRoot, startCli, spawnCli } from './spawn-cli.js';

/** A small, fast demo run (the output options are appended). */
const DEMO = ['demo', '--rows', '400', '--eo', '0,0.1'];

/** Names of temporary files left in a directory. */
const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/**
 * Character devices to write to. As root a regression would replace /dev/null itself (the defect this guards
 * against), so root gets its own device nodes (same major/minor) in a temporary directory.
 */
function devices(dir: string): { null: string; full: string } {
  if (!isRoot()) return { null: '/dev/null', full: '/dev/full' };
  execFileSync('mknod', ['-m', '666', join(dir, 'null'), 'c', '1', '3']);
  execFileSync('mknod', ['-m', '666', join(dir, 'full'), 'c', '1', '7']);
  return { null: join(dir, 'null'), full: join(dir, 'full') };
}

beforeAll(() => {
  expect(hasDist(), 'run `npm run build` first').toBe(true);
});

describe('special files are written in place, never replaced', () => {
  test('a character device (/dev/null) stays a device and the run succeeds', async () => {
    const dir = tempDir();
    const dev = devices(dir);
    const r = await runCli([...DEMO, '--out', dev.null, '--json']);
    expect(r.code).toBe(0);
    expect(lstatSync(dev.null).isCharacterDevice()).toBe(true);
  });

  test('/dev/full fails with E_WRITE_FAILED (exit 1), stays a device, and the other outputs are not written', async () => {
    const dir = tempDir();
    const dev = devices(dir);
    const out = join(dir, 'r.json');
    const r = await runCli([...DEMO, '--out', out, '--html', dev.full]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_WRITE_FAILED: cannot write ".*full": no space left on device \(option --html\)/,
    );
    expect(lstatSync(dev.full).isCharacterDevice()).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  test('a FIFO receives the report and stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (c) => (text += c))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const r = await runCli([...DEMO, '--out', fifo, '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(await received).schemaVersion).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('--out - prints the report on stdout; two outputs on stdout are refused', async () => {
    const r = await runCli([...DEMO, '--out', '-', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(1);
    expect(r.stderr).toBe('');
    const both = await runCli([...DEMO, '--out', '-', '--html', '-']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(
      /^fairlimit: E_OUTPUT_PATH: .*stdout already carries another output \(option --html\)/,
    );
    expect(both.stdout).toBe('');
  });

  test('an alias of stdout (/proc/self/fd/1, like /dev/stdout) is written through stdout, even when it is a socket', async () => {
    // /proc/self/fd/1 rather than /dev/stdout: a regression cannot replace a procfs entry.
    const r = await spawnCli([...DEMO, '--out', '/proc/self/fd/1', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(1);
    expect(r.stderr).toBe('');
  });

  test('a symbolic link to a regular file is written through: the link stays, the target gets the report', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'target.json'), 'old');
    symlinkSync('target.json', join(dir, 'link.json'));
    const r = await runCli([...DEMO, '--out', join(dir, 'link.json')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).schemaVersion).toBe(1);
    expect(temps(dir)).toEqual([]);
  });

  test('a dangling symbolic link is refused before computing', async () => {
    const dir = tempDir();
    symlinkSync('missing/target.json', join(dir, 'link.json'));
    const r = await runCli([...DEMO, '--out', join(dir, 'link.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E_OUTPUT_PATH: .*symbolic link to a missing file/);
  });

  test('an existing file keeps its permissions when replaced', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o640);
    expect((await runCli([...DEMO, '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });
});

describe('every output path is checked before computing, and a failed run changes nothing', () => {
  test('a directory as --html: E_OUTPUT_PATH naming option and path; --out and --plot untouched, no temp files', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    writeFileSync(out, 'old report');
    mkdirSync(join(dir, 'outdir'));
    const r = await runCli([
      ...DEMO,
      '--out',
      out,
      '--plot',
      join(dir, 'p.svg'),
      '--html',
      join(dir, 'outdir'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_OUTPUT_PATH: cannot write ".*outdir": it is a directory \(option --html\)\n$/,
    );
    expect(readFileSync(out, 'utf8')).toBe('old report');
    expect(existsSync(join(dir, 'p.svg'))).toBe(false);
    expect(temps(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'outdir'))).toEqual([]);
  });

  test('output paths are checked before the input is read (a bad output wins over a missing input)', async () => {
    const dir = tempDir();
    const r = await runCli([
      'frontier',
      join(dir, 'missing.csv'),
      '--group',
      'g',
      '--label',
      'y',
      '--out',
      join(dir, 'no/such/dir/r.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /E_OUTPUT_PATH: cannot write ".*r.json": the directory ".*dir" does not exist \(option --out\)/,
    );
  });

  test('a missing parent directory of --plot and the same file twice are refused', async () => {
    const dir = tempDir();
    const missing = await runCli([...DEMO, '--plot', join(dir, 'nope', 'p.svg')]);
    expect(missing.stderr).toMatch(/E_OUTPUT_PATH: .*does not exist \(option --plot\)/);
    const twice = await runCli([...DEMO, '--out', join(dir, 'a.html'), '--html', join(dir, 'a.html')]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/E_OUTPUT_PATH: .*the same file as --out/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('card --out into a directory fails before reading the report', async () => {
    const dir = tempDir();
    const r = await runCli(['card', join(dir, 'missing.json'), '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E_OUTPUT_PATH: .*it is a directory \(option --out\)/);
  });

  test('a directory without write permission is refused, naming the option and the path (real child process)', async () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o555);
    const r = await spawnCli([...DEMO, '--out', join(locked, 'r.json')], AS_NOBODY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_OUTPUT_PATH: cannot write ".*locked\/r.json": permission denied: cannot create files in ".*locked" \(option --out\)\n$/,
    );
    expect(readdirSync(locked)).toEqual([]);
  });

  test.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s while outputs are being written removes every temporary file and changes no file (real signal)',
    async (signal) => {
      const dir = tempDir();
      const out = join(dir, 'r.json');
      writeFileSync(out, 'old report');
      // A FIFO without a reader blocks the in-place write: the temporary files of --out and --plot exist, the
      // renames have not run. The signal arrives exactly then.
      const fifo = join(dir, 'pipe.html');
      execFileSync('mkfifo', [fifo]);
      const { child, done } = startCli([...DEMO, '--out', out, '--plot', join(dir, 'p.svg'), '--html', fifo]);
      for (let i = 0; i < 600 && temps(dir).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(temps(dir)).toHaveLength(2);
      child.kill(signal);
      const r = await done;
      expect(r.signal).toBe(signal);
      expect(temps(dir)).toEqual([]);
      expect(readFileSync(out, 'utf8')).toBe('old report');
      expect(existsSync(join(dir, 'p.svg'))).toBe(false);
      expect(r.stderr).not.toMatch(/Error|at /);
    },
  );
});

describe('a closed stdout ends the process quietly (EPIPE)', () => {
  test.each([
    [['frontier', '--help'], 0],
    [['demo', '--rows', '400', '--eo', '0,0.1', '--json'], 0],
  ])('%j with its reader gone exits %i with nothing on stderr', async (args, code) => {
    const { child, done } = startCli(args);
    child.stdout!.destroy(); // the reader is gone before the first write, as with `| true`
    const r = await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
  });

  test('`fairlimit frontier --help | head -1` prints the first line and exits 0', () => {
    const out = execFileSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/fairlimit.js frontier --help | head -1; echo "exit \${PIPESTATUS[0]}"`,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toBe('Usage: fairlimit frontier [options] [file]\nexit 0\n');
  });
});

describe('input files are reported as what is wrong with them', () => {
  test('a directory given as the CSV or the report is E_NOT_A_FILE', async () => {
    const dir = tempDir();
    const csv = await runCli(['frontier', dir, '--group', 'g', '--label', 'y']);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/^fairlimit: E_NOT_A_FILE: cannot read file ".*": it is a directory/);
    const report = await runCli(['check', dir, '--max-gap', '0.1']);
    expect(report.stderr).toMatch(/^fairlimit: E_NOT_A_FILE: cannot read report ".*": it is a directory/);
  });

  test('a report larger than the limit is E_FILE_TOO_LARGE with the limit (sparse file, nothing read)', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    execFileSync('truncate', ['-s', '700M', big]);
    const r = await runCli(['check', big, '--max-gap', '0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_FILE_TOO_LARGE: report ".*big.json" has 734003200 bytes; at most 268435456 are read/,
    );
  });

  test('an unreadable file is E_PERMISSION, a missing one E_FILE_MISSING (real child process)', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, 'g,y\na,1\n');
    chmodSync(secret, 0o000);
    const denied = await spawnCli(['frontier', secret, '--group', 'g', '--label', 'y'], AS_NOBODY);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(
      /^fairlimit: E_PERMISSION: cannot read file ".*secret.csv": permission denied/,
    );
    const missing = await runCli(['frontier', join(dir, 'nope.csv'), '--group', 'g', '--label', 'y']);
    expect(missing.stderr).toMatch(/^fairlimit: E_FILE_MISSING: cannot read file ".*nope.csv": no such file/);
  });
});
