/**
 * Typed, coded errors. Every error a user can see carries a stable code (for scripts and the CLI's exit codes)
 * and, where it applies, the place: file, line, column, option.
 */

export const ErrorCode = {
  E_USAGE: 'E_USAGE',
  E_DATA_MISSING: 'E_DATA_MISSING',
  E_FILE_MISSING: 'E_FILE_MISSING',
  E_NOT_A_FILE: 'E_NOT_A_FILE',
  E_PERMISSION: 'E_PERMISSION',
  E_FILE_TOO_LARGE: 'E_FILE_TOO_LARGE',
  E_FIELD_TOO_LARGE: 'E_FIELD_TOO_LARGE',
  E_READ_FAILED: 'E_READ_FAILED',
  E_OUTPUT_PATH: 'E_OUTPUT_PATH',
  E_WRITE_FAILED: 'E_WRITE_FAILED',
  E_EMPTY_INPUT: 'E_EMPTY_INPUT',
  E_MISSING_COLUMN: 'E_MISSING_COLUMN',
  E_DUPLICATE_COLUMN: 'E_DUPLICATE_COLUMN',
  E_RAGGED_LINE: 'E_RAGGED_LINE',
  E_CSV_PARSE: 'E_CSV_PARSE',
  E_NOT_NUMERIC: 'E_NOT_NUMERIC',
  E_NOT_FINITE: 'E_NOT_FINITE',
  E_MISSING_VALUE: 'E_MISSING_VALUE',
  E_NEGATIVE_WEIGHT: 'E_NEGATIVE_WEIGHT',
  E_EMPTY_GROUP: 'E_EMPTY_GROUP',
  E_EMPTY_GROUP_LABEL: 'E_EMPTY_GROUP_LABEL',
  E_TOO_FEW_GROUPS: 'E_TOO_FEW_GROUPS',
  E_TOO_FEW_CLASSES: 'E_TOO_FEW_CLASSES',
  E_TOO_MANY_CLASSES: 'E_TOO_MANY_CLASSES',
  E_BAD_ALPHA: 'E_BAD_ALPHA',
  E_BAD_OPTION: 'E_BAD_OPTION',
  E_BAD_BINS: 'E_BAD_BINS',
  E_BAD_EXPRESSION: 'E_BAD_EXPRESSION',
  E_BAD_REPORT: 'E_BAD_REPORT',
  E_BAD_CLASSIFIER: 'E_BAD_CLASSIFIER',
  E_TOO_MANY_CELLS: 'E_TOO_MANY_CELLS',
  E_INFEASIBLE: 'E_INFEASIBLE',
  E_SOLVER_STATUS: 'E_SOLVER_STATUS',
  E_SOLVER_TIME_LIMIT: 'E_SOLVER_TIME_LIMIT',
  E_SELF_CHECK: 'E_SELF_CHECK',
  E_CHECK_FAILED: 'E_CHECK_FAILED',
  E_DEPENDENCY_MISSING: 'E_DEPENDENCY_MISSING',
  E_INTERNAL: 'E_INTERNAL',
  E_LENGTH_MISMATCH: 'E_LENGTH_MISMATCH',
  E_CODE_OUT_OF_RANGE: 'E_CODE_OUT_OF_RANGE',
  E_NOT_A_DISTRIBUTION: 'E_NOT_A_DISTRIBUTION',
  E_MISSING_TABLE: 'E_MISSING_TABLE',
  E_DB_UNREACHABLE: 'E_DB_UNREACHABLE',
  E_DB_AUTH: 'E_DB_AUTH',
  E_DB_TIMEOUT: 'E_DB_TIMEOUT',
  E_DB_FAILED: 'E_DB_FAILED',
} as const;
export type ErrorCode = keyof typeof ErrorCode;

/** Where a problem was found; every field optional, printed in a fixed order. */
export interface Where {
  readonly file?: string;
  readonly line?: number;
  readonly column?: string | number;
  readonly option?: string;
  readonly detail?: string;
}

export function formatWhere(where: Where): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(`file ${where.file}`);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) parts.push(`column ${JSON.stringify(where.column)}`);
  if (where.option !== undefined) parts.push(`option ${where.option}`);
  if (where.detail !== undefined) parts.push(where.detail);
  return parts.join(', ');
}

export class FairlimitError extends Error {
  /** The message without the place (the CLI re-attaches the place with library option names mapped to flags). */
  readonly reason: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where?: Where,
    options?: ErrorOptions,
  ) {
    super(where && formatWhere(where) ? `${message} (${formatWhere(where)})` : message, options);
    this.name = new.target.name;
    this.reason = message;
  }
}

/** Bad user data or arguments. */
export class InputError extends FairlimitError {}
/** LP status not optimal, time limit, infeasible constraints, or a failed self-check after a solve. */
export class SolverError extends FairlimitError {}
/** A broken invariant: a bug in fairlimit, never the user's fault. */
export class InternalError extends FairlimitError {}

export function assertInvariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InternalError('E_INTERNAL', `internal invariant failed: ${message}`);
}

/** Refuses NaN and infinities in computed outputs. */
export function checkFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new InternalError('E_INTERNAL', `${name} is not finite (${value})`);
  return value;
}

/**
 * A found value, exactly, for messages: `the string "0.05"` is not `the number 0.05`, NaN is not null, a missing
 * argument is undefined. One wording for every validator.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
