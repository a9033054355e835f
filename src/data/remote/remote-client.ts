import { InputError, type ErrorCode } from '../../errors.js';

/** The database engines fairlimit connects to (docs/scale.md). */
export const RemoteEngine = { postgres: 'postgres', clickhouse: 'clickhouse' } as const;
export type RemoteEngine = keyof typeof RemoteEngine;
export const isRemoteEngine = (e: string): e is RemoteEngine => Object.hasOwn(RemoteEngine, e);

/** One result: column names and rows of plain values (numbers, texts, null). */
export interface RemoteResult {
  readonly names: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** A read-only session: queries in, rows out. */
export interface RemoteClient {
  query(sql: string): Promise<RemoteResult>;
  close(): Promise<void>;
}

export interface RemoteConnectOptions {
  /** Per query, in seconds (default 300). */
  readonly timeoutSeconds?: number;
}

/**
 * The connection URL with any password replaced by `***`: the only form of it that fairlimit ever prints,
 * logs or writes into a report.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    for (const key of [...u.searchParams.keys()])
      if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    // Not a URL: keep only what cannot hold a secret.
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Removes every occurrence of the URL's password from a driver's message (some quote their config). */
function scrub(message: string, url: string): string {
  let out = message;
  try {
    const u = new URL(url);
    for (const secret of [u.password, decodeURIComponent(u.password)])
      if (secret.length > 0) out = out.split(secret).join('***');
  } catch {
    /* not a URL: nothing to scrub */
  }
  return out.split(url).join(redactUrl(url));
}

function dbError(code: ErrorCode, reason: string, url: string, detail?: string): InputError {
  // No `cause`: a driver's error object may carry the connection settings, password included.
  return new InputError(code, scrub(reason, url), {
    option: '--connection',
    detail: `${redactUrl(url)}${detail ? `, ${detail}` : ''}`,
  });
}

/** A driver's failure as a coded error: what went wrong, by the engine's own error codes. */
function classify(engine: RemoteEngine, e: unknown, url: string, table: string | undefined): InputError {
  if (e instanceof InputError) return e;
  const err = e as { code?: string; message?: string; type?: string };
  const message = err?.message ?? String(e);
  const code = String(err?.code ?? '');
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'];
  if (
    network.includes(code) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|Connection terminated|terminating connection|EPIPE/i.test(message)
  )
    return dbError(
      'E_DB_UNREACHABLE',
      `the ${engine} server cannot be reached or closed the connection: ${message}`,
      url,
    );
  if (engine === 'postgres') {
    if (code === '28P01' || code === '28000')
      return dbError('E_DB_AUTH', `the ${engine} server refused the credentials: ${message}`, url);
    if (code === '42P01' || code === '3F000')
      return dbError(
        'E_MISSING_TABLE',
        `no table ${table ?? ''} on the ${engine} server: ${message}`,
        url,
        table && `table ${table}`,
      );
    if (code === '57014')
      return dbError('E_DB_TIMEOUT', `the query ran past the time limit (--db-timeout): ${message}`, url);
    if (code.startsWith('57P') || code.startsWith('08'))
      return dbError('E_DB_UNREACHABLE', `the ${engine} server closed the connection: ${message}`, url);
  } else {
    const ch = /Code: (\d+)/.exec(message)?.[1] ?? err?.code;
    if (ch === '192' || ch === '193' || ch === '516' || /password|authentication/i.test(message))
      return dbError('E_DB_AUTH', `the ${engine} server refused the credentials`, url);
    if (ch === '60' || ch === '81')
      return dbError(
        'E_MISSING_TABLE',
        `no table ${table ?? ''} on the ${engine} server`,
        url,
        table && `table ${table}`,
      );
    if (ch === '159' || /timeout|timed out/i.test(message))
      return dbError('E_DB_TIMEOUT', `the query ran past the time limit (--db-timeout)`, url);
  }
  return dbError('E_DB_FAILED', `the ${engine} server failed the query: ${message.split('\n')[0]}`, url);
}

async function loadModule<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new InputError(
      'E_DEPENDENCY_MISSING',
      `the ${name} client is not installed: run "npm install ${name}"`,
      { option: '--engine' },
      { cause },
    );
  }
}

/**
 * Opens a read-only session on a PostgreSQL or ClickHouse server. PostgreSQL sessions run with
 * `default_transaction_read_only` on and a statement timeout; ClickHouse queries carry `readonly = 2` and
 * `max_execution_time`. Driver errors become coded errors (E_DB_UNREACHABLE, E_DB_AUTH, E_MISSING_TABLE,
 * E_DB_TIMEOUT, E_DB_FAILED) whose messages name the server by its redacted URL.
 */
export async function openRemote(
  engine: RemoteEngine,
  url: string,
  options: RemoteConnectOptions & { table?: string } = {},
): Promise<RemoteClient> {
  const timeoutSeconds = options.timeoutSeconds ?? 300;
  const fail = (e: unknown) => classify(engine, e, url, options.table);
  if (engine === 'postgres') {
    const pg = await loadModule('pg', async () => (await import('pg')).default);
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 10_000,
      options: `-c default_transaction_read_only=on -c statement_timeout=${Math.round(timeoutSeconds * 1000)}`,
    });
    // A server that stops mid-query emits 'error' on the client: the pending query rejects with it too.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => {});
      throw fail(e);
    }
    return {
      async query(sql) {
        try {
          const r = await client.query({ text: sql, rowMode: 'array' });
          return { names: r.fields.map((f) => f.name), rows: r.rows as unknown[][] };
        } catch (e) {
          throw fail(e);
        }
      },
      async close() {
        await client.end().catch(() => {});
      },
    };
  }
  const { createClient, ClickHouseLogLevel } = await loadModule(
    '@clickhouse/client',
    () => import('@clickhouse/client'),
  );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw dbError(
      'E_BAD_OPTION',
      'the connection is not a URL (http://user:password@host:8123/database)',
      url,
    );
  }
  const database = parsed.pathname.replace(/^\//, '') || 'default';
  const client = createClient({
    url: `${parsed.protocol}//${parsed.host}`,
    username: decodeURIComponent(parsed.username) || 'default',
    password: decodeURIComponent(parsed.password),
    database,
    request_timeout: Math.round((timeoutSeconds + 30) * 1000),
    compression: { request: false, response: false },
    clickhouse_settings: { readonly: '2', max_execution_time: Math.round(timeoutSeconds) },
    // The driver's own log prints request settings: fairlimit reports failures itself, redacted.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    async query(sql) {
      try {
        const r = await client.query({ query: sql, format: 'JSONCompact' });
        const body = (await r.json()) as { meta: { name: string }[]; data: unknown[][] };
        return { names: body.meta.map((m) => m.name), rows: body.data };
      } catch (e) {
        throw fail(e);
      }
    },
    async close() {
      await client.close().catch(() => {});
    },
  };
}
