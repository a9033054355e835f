import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Reads a C x C cost matrix for `--objective cost --cost-matrix FILE`: one line per label y, C comma-separated
 * numbers cost[y][yHat] >= 0 (in the order of the classes); blank lines and lines starting with # are skipped.
 * The shape is checked against the classes when the frontier is built.
 * @throws InputError E_FILE_MISSING, E_NOT_NUMERIC, E_BAD_OPTION
 */
export function readCostMatrix(file: string): number[][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError('E_FILE_MISSING', `cannot read the cost matrix: ${(cause as Error).message}`, {
      file,
      option: '--cost-matrix',
    });
  }
  const rows = text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  const matrix = rows.map(({ line, number }) =>
    line.split(',').map((cell) => {
      const v = Number(cell.trim());
      if (cell.trim() === '' || !Number.isFinite(v) || v < 0)
        throw new InputError('E_NOT_NUMERIC', `cost "${cell.trim()}" is not a number >= 0`, {
          file,
          line: number,
          option: '--cost-matrix',
        });
      return v;
    }),
  );
  if (matrix.length < 2 || matrix.some((r) => r.length !== matrix.length))
    throw new InputError(
      'E_BAD_OPTION',
      `the cost matrix must be square with at least 2 rows (label x prediction), got ${matrix.length} rows of ${matrix.map((r) => r.length).join('/')}`,
      { file, option: '--cost-matrix' },
    );
  return matrix;
}
