import { expect, test } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

const ioOf = (isTTY: boolean) => {
  const lines: string[] = [];
  const stream = { write: (s: string) => (lines.push(s), true), isTTY };
  return { io: { stdout: stream, stderr: stream, env: {} } as never, lines };
};

test('off a terminal a long run prints a progress line per interval; a short one and --quiet print nothing', () => {
  const long = ioOf(false);
  const p = progressBar(long.io, 'bootstrap', { enabled: true, lineIntervalMs: 0 });
  for (let done = 1; done <= 3; done++) p.onProgress(done, 3);
  // Every interval (0 ms here) one line, and none for the finished total (the result follows).
  expect(long.lines).toEqual(['fairlimit: bootstrap 1/3\n', 'fairlimit: bootstrap 2/3\n']);
  const short = ioOf(false);
  const q = progressBar(short.io, 'bootstrap', { enabled: true });
  for (let done = 1; done <= 3; done++) q.onProgress(done, 3);
  expect(short.lines).toEqual([]);
  const quiet = ioOf(false);
  progressBar(quiet.io, 'bootstrap', { enabled: false, lineIntervalMs: 0 }).onProgress(1, 3);
  expect(quiet.lines).toEqual([]);
});
