import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { InputError } from './errors.js';

/**
 * Why an input file cannot be read, said as what it is: missing, a directory, no permission, too large, or
 * another system error with its code. Every reader (CSV, counts, DuckDB, reports) reports through here, so that
 * an existing file is never called "no such file".
 */
export function readFailure(cause: unknown, file: string, what = 'file'): InputError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const where = { file };
  const options = { cause };
  switch (code) {
    case 'ENOENT':
      return new InputError('E_FILE_MISSING', `cannot read ${what} "${file}": no such file`, where, options);
    case 'ENOTDIR':
      return new InputError(
        'E_FILE_MISSING',
        `cannot read ${what} "${file}": a part of the path is not a directory`,
        where,
        options,
      );
    case 'EISDIR':
      return new InputError(
        'E_NOT_A_FILE',
        `cannot read ${what} "${file}": it is a directory`,
        where,
        options,
      );
    case 'EACCES':
    case 'EPERM':
      return new InputError(
        'E_PERMISSION',
        `cannot read ${what} "${file}": permission denied`,
        where,
        options,
      );
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return new InputError(
        'E_FILE_TOO_LARGE',
        `cannot read ${what} "${file}": too large to hold in memory`,
        where,
        options,
      );
    default:
      return new InputError(
        'E_READ_FAILED',
        `cannot read ${what} "${file}": ${(cause as Error | undefined)?.message ?? String(cause)}`,
        where,
        options,
      );
  }
}

/**
 * Checks that `file` is an existing regular file (or a pipe or device, read as a stream) before reading it, and
 * at most `maxBytes` long when a limit is given.
 * @returns its size in bytes (0 for pipes and devices)
 * @throws InputError E_FILE_MISSING, E_NOT_A_FILE, E_PERMISSION, E_FILE_TOO_LARGE, E_READ_FAILED
 */
export async function checkInputFile(
  file: string,
  options: { readonly what?: string; readonly maxBytes?: number } = {},
): Promise<number> {
  const what = options.what ?? 'file';
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    throw readFailure(e, file, what);
  }
  if (info.isDirectory())
    throw new InputError('E_NOT_A_FILE', `cannot read ${what} "${file}": it is a directory`, { file });
  try {
    await access(file, constants.R_OK);
  } catch (e) {
    throw readFailure(e, file, what);
  }
  if (!info.isFile()) return 0;
  if (options.maxBytes !== undefined && info.size > options.maxBytes)
    throw new InputError(
      'E_FILE_TOO_LARGE',
      `${what} "${file}" has ${info.size} bytes; at most ${options.maxBytes} are read`,
      { file },
    );
  return info.size;
}
