import { InputError } from '../errors.js';

/**
 * The text syntax of value maps (`--map COL:FROM=TO,...`, `--label-map`, `--group-map`). Items are separated by
 * ",", each item is FROM=TO. A value that contains "," "=" ":" or spaces at its ends is written in double quotes
 * (`"<=50K."="<=50K"`, a quote inside doubled), or with a backslash before the character (`<\=50K.=<\=50K`).
 * See docs/cli.md, Value maps.
 */

/** Splits at `separator` where it is neither quoted nor escaped; at most `limit` parts (the last keeps the rest). */
export function splitUnquoted(text: string, separator: string, limit = Number.POSITIVE_INFINITY): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && !quoted && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted && parts.length < limit - 1) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/**
 * One value as written: trimmed; in double quotes the text inside (`""` is a quote); else backslash escapes
 * resolved (`\,` `\=` `\:` `\"` `\\`).
 * @throws InputError E_BAD_OPTION (an unclosed quote)
 */
export function decodeValue(raw: string, option: string): string {
  const t = raw.trim();
  if (t.startsWith('"')) {
    if (!/^"(?:[^"]|"")*"$/.test(t))
      throw new InputError('E_BAD_OPTION', `unclosed or misplaced quote in "${raw}"`, { option });
    return t.slice(1, -1).replace(/""/g, '"');
  }
  return t.replace(/\\(.)/g, '$1');
}

/**
 * Parses a value map "FROM=TO,FROM=TO" (one column) into a null-prototype record (a value "__proto__" or
 * "constructor" is an ordinary key).
 * @throws InputError E_BAD_OPTION
 */
export function parseValueMap(text: string, option: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const item of splitUnquoted(text, ',')) {
    const pair = splitUnquoted(item, '=', 2);
    if (pair.length !== 2)
      throw new InputError(
        'E_BAD_OPTION',
        `a value map is FROM=TO,FROM=TO (quote a value that contains "=" or ",": "<=50K."="<=50K"), got "${text}"`,
        { option },
      );
    const from = decodeValue(pair[0], option);
    if (Object.hasOwn(out, from))
      throw new InputError('E_BAD_OPTION', `value "${from}" is mapped twice in "${text}"`, { option });
    out[from] = decodeValue(pair[1], option);
  }
  return out;
}

/**
 * Parses `--map COL:FROM=TO,...` (COL may be quoted like a value).
 * @throws InputError E_BAD_OPTION
 */
export function parseColumnValueMap(
  text: string,
  option = '--map',
): { column: string; map: Record<string, string> } {
  const parts = splitUnquoted(text, ':', 2);
  const column = parts.length === 2 ? decodeValue(parts[0], option) : '';
  if (column === '')
    throw new InputError('E_BAD_OPTION', `a value map is COL:FROM=TO,..., got "${text}"`, { option });
  return { column, map: parseValueMap(parts[1], option) };
}
