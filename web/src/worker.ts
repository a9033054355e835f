/**
 * The analyzer worker: reads the CSV (streaming) and solves the LPs off the page's thread, so the page stays
 * responsive; the page cancels a run by terminating this worker. The parsed frame is kept between runs of the
 * same file and CSV options, so changing roles or alphas does not re-read the file.
 */
import { type CsvFrame, csvOptionsOf, errorText, frontierFromFrame, readCsvStream } from './core.js';
import type { ColumnInfo, FromWorker, ToWorker } from './protocol.js';
import { FairlimitError } from '../../src/errors.js';

/** Distinct values are counted up to this many (enough to tell a group or label column from a continuous one). */
const DISTINCT_CAP = 200;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker) => scope.postMessage(m);

let cached: { key: string; frame: CsvFrame } | undefined;

async function frameOf(file: File, key: string, message: ToWorker): Promise<CsvFrame> {
  if (cached?.key === key) return cached.frame;
  cached = undefined;
  let lastPost = 0;
  const frame = await readCsvStream(
    { stream: file.stream(), name: file.name, size: file.size },
    csvOptionsOf(message.options),
    (done, total) => {
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        post({ type: 'progress', phase: 'read', done, ...(total !== undefined ? { total } : {}) });
      }
    },
  );
  cached = { key, frame };
  return frame;
}

function columnsOf(frame: CsvFrame): ColumnInfo[] {
  return frame.columnNames.map((name, j) => {
    const seen = new Set<string | number | boolean>();
    let missing = 0;
    let isNumeric = true;
    for (const v of frame.columns[j]) {
      if (v === null) {
        missing++;
        continue;
      }
      if (typeof v !== 'number') isNumeric = false;
      if (seen.size <= DISTINCT_CAP) seen.add(v);
    }
    return { name, distinct: seen.size, isNumeric, missing };
  });
}

scope.onmessage = async (event) => {
  const message = event.data;
  try {
    const readStart = performance.now();
    const frame = await frameOf(message.file, message.key, message);
    const readMs = performance.now() - readStart;
    if (message.type === 'read') {
      post({
        type: 'columns',
        key: message.key,
        columns: columnsOf(frame),
        nRows: frame.nRows,
        bytes: frame.bytes,
      });
      return;
    }
    const start = performance.now();
    let lastPost = 0;
    const { json } = await frontierFromFrame(frame, message.options, (phase, done, total) => {
      // At most one message per 50 ms: a sweep of thousands of small LPs must not flood the page.
      const now = performance.now();
      if (now - lastPost < 50 && done !== total) return;
      lastPost = now;
      post({ type: 'progress', phase, done, ...(total !== undefined ? { total } : {}) });
    });
    post({ type: 'result', json, readMs, solveMs: performance.now() - start });
  } catch (e) {
    post({ type: 'error', text: errorText(e), ...(e instanceof FairlimitError ? { code: e.code } : {}) });
  }
};
