import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Expands file arguments that contain `*` or `?` in their last path component (e.g. `parts/part-*.csv`, quoted
 * so that the shell leaves it alone), in sorted order; other arguments are kept as they are. A pattern that
 * matches nothing is an error naming it.
 * @throws InputError E_FILE_MISSING
 */
export function expandGlobs(patterns: readonly string[], option: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const name = basename(pattern);
    if (!/[*?]/.test(name)) {
      out.push(pattern);
      continue;
    }
    const dir = dirname(pattern);
    const regex = new RegExp(
      `^${name
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      entries = [];
    }
    const matches = entries.filter((e) => regex.test(e)).sort();
    if (matches.length === 0)
      throw new InputError('E_FILE_MISSING', `no file matches "${pattern}"`, { option });
    out.push(...matches.map((m) => (dir === '.' && !pattern.startsWith('./') ? m : join(dir, m))));
  }
  return out;
}
