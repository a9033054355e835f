/**
 * Database servers for the live-engine tests, started and stopped as a user would: PostgreSQL 15 (initdb +
 * postgres, as the unprivileged user `nobody` when the tests run as root, since PostgreSQL refuses root) and
 * two ClickHouse servers (shards of one `remote_servers` cluster, for a Distributed table), each on free
 * loopback ports with its data in a temporary folder that `stop()` removes. The Debian packages are in
 * ci/debian-packages.txt.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
].find((d) => existsSync(join(d, 'initdb')));
const CLICKHOUSE = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((f) => existsSync(f));

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresMissing = PG_BIN
  ? undefined
  : 'PostgreSQL is not installed (Debian package postgresql, see ci/debian-packages.txt)';
/** Why the ClickHouse tests cannot run here, or undefined when they can. */
export const clickHouseMissing = CLICKHOUSE
  ? undefined
  : 'ClickHouse is not installed (Debian package clickhouse-server, see ci/debian-packages.txt)';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within 60 s: ${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface PostgresServer {
  readonly port: number;
  /** The superuser's URL (loading the test data). */
  readonly adminUrl: string;
  /** A role that may only read the test tables. */
  readonly readerUrl: string;
  /** Stops the server (fast shutdown) and removes its data. */
  stop(): Promise<void>;
  /** Stops the server with a fast shutdown (sessions are ended mid-query); `stop()` still cleans up. */
  kill(): Promise<void>;
}

export const PG_ADMIN_PASSWORD = 'admin-Secret-9';
export const PG_READER_PASSWORD = 'reader-Secret-7';

/** Starts a PostgreSQL server (scram-sha-256 on 127.0.0.1) with a superuser and a read-only role. */
export async function startPostgres(): Promise<PostgresServer> {
  if (!PG_BIN) throw new Error(postgresMissing);
  const dir = mkdtempSync(join(tmpdir(), 'fairlimit-pg-'));
  const isRoot = process.getuid?.() === 0;
  const asUser = (cmd: string, args: string[]) =>
    (isRoot ? ['runuser', ['-u', 'nobody', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${PG_ADMIN_PASSWORD}\n`);
  if (isRoot) {
    chownSync(dir, 65534, 65534);
    chownSync(pwfile, 65534, 65534);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asUser(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'fairlimit_admin',
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
    '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe', cwd: dir });
  const port = await freePort();
  const [cmd, args] = asUser(join(PG_BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'shared_buffers=16MB',
    '-c',
    'max_connections=20',
  ]);
  let log = '';
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const adminUrl = `postgres://fairlimit_admin:${PG_ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`;
  const pg = (await import('pg')).default;
  await waitFor(
    'postgres',
    async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      c.on('error', () => {});
      try {
        await c.connect();
      } finally {
        await c.end().catch(() => {});
      }
      return true;
    },
    child,
    () => log,
  );
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`CREATE ROLE fairlimit_reader LOGIN PASSWORD '${PG_READER_PASSWORD}'`);
  await admin.end();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // pg_ctl, not a signal to the child: as root the child is runuser, which does not pass signals on.
    const [ctl, ctlArgs] = asUser(join(PG_BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
    await new Promise<void>((r) => execFile(ctl, ctlArgs, { cwd: dir }, () => r()));
    await exited;
  };
  return {
    port,
    adminUrl,
    readerUrl: `postgres://fairlimit_reader:${PG_READER_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await kill();
      cleanup();
    },
    kill,
  };
}

/** Creates `table` with one TEXT column per name (NULL for null) and inserts the rows, as the superuser. */
export async function loadPostgres(
  adminUrl: string,
  table: string,
  names: readonly string[],
  rows: readonly (readonly (string | null)[])[],
): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: adminUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    const unique = uniqueNames(names);
    await c.query(`CREATE TABLE ${q(table)} (${unique.map((n) => `${q(n)} TEXT`).join(', ')})`);
    const batch = Math.floor(30_000 / names.length);
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      const values = part.map(
        (_, r) => `(${names.map((_, j) => `$${r * names.length + j + 1}`).join(', ')})`,
      );
      await c.query(`INSERT INTO ${q(table)} VALUES ${values.join(', ')}`, part.flat());
    }
    await c.query(`GRANT SELECT ON ${q(table)} TO fairlimit_reader`);
  } finally {
    await c.end();
  }
}

/** Column names made unique for a table (COMPAS repeats two): a later copy becomes `name__2`. */
export function uniqueNames(names: readonly string[]): string[] {
  return names.map((n, j) => (names.indexOf(n) === j ? n : `${n}__${j}`));
}

export interface ClickHouseCluster {
  /** HTTP URL of shard i (0 or 1) as the default user (no password; loading). */
  readonly adminUrl: (shard: number) => string;
  /** HTTP URL of shard 0 as the password-protected user `reader`. */
  readonly readerUrl: string;
  readonly httpPorts: readonly number[];
  stop(): Promise<void>;
  /** Kills shard i at once. */
  kill(shard: number): Promise<void>;
}

export const CH_READER_PASSWORD = 'ch-Reader-5';

/** Starts two ClickHouse servers, shards of the cluster `fairlimit_cluster`. */
export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  if (!CLICKHOUSE) throw new Error(clickHouseMissing);
  const dir = mkdtempSync(join(tmpdir(), 'fairlimit-ch-'));
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const shards = [0, 1].map((i) => ({
    http: ports[3 * i],
    tcp: ports[3 * i + 1],
    interserver: ports[3 * i + 2],
  }));
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>1</max_threads></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <reader><password>${CH_READER_PASSWORD}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></reader>
  </users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  const cluster = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('');
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  for (const [i, s] of shards.entries()) {
    const d = join(dir, `shard${i}`);
    mkdirSync(d);
    writeFileSync(
      join(d, 'config.xml'),
      `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${d}/server.log</log><errorlog>${d}/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${s.http}</http_port>
  <tcp_port>${s.tcp}</tcp_port>
  <interserver_http_port>${s.interserver}</interserver_http_port>
  <path>${d}/data/</path>
  <tmp_path>${d}/tmp/</tmp_path>
  <user_files_path>${d}/user_files/</user_files_path>
  <format_schema_path>${d}/format_schemas/</format_schema_path>
  <mark_cache_size>5368709</mark_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><fairlimit_cluster>${cluster}</fairlimit_cluster></remote_servers>
</yandex>
`,
    );
    let log = '';
    const child = spawn(CLICKHOUSE, [`--config-file=${join(d, 'config.xml')}`], {
      cwd: d,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    children.push(child);
    logs.push(log);
  }
  const adminUrl = (i: number) => `http://127.0.0.1:${shards[i].http}`;
  try {
    for (const [i, child] of children.entries())
      await waitFor(
        `clickhouse shard ${i}`,
        async () => (await fetch(`${adminUrl(i)}/?query=SELECT%201`)).ok,
        child,
        () => logs[i],
      );
  } catch (e) {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    adminUrl,
    readerUrl: `http://reader:${CH_READER_PASSWORD}@127.0.0.1:${shards[0].http}/default`,
    httpPorts: shards.map((s) => s.http),
    async stop() {
      await Promise.all(children.map(stopChild));
      rmSync(dir, { recursive: true, force: true });
    },
    async kill(i: number) {
      const child = children[i];
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Runs one statement on a ClickHouse server over HTTP (loading only; fairlimit goes through its client). */
export async function clickHouseRun(url: string, sql: string, body?: string): Promise<string> {
  const r = await fetch(body === undefined ? url : `${url}/?query=${encodeURIComponent(sql)}`, {
    method: 'POST',
    body: body ?? sql,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`clickhouse: ${text}`);
  return text;
}

/** TabSeparated text of rows (null as \N). */
export function tabSeparated(rows: readonly (readonly (string | null)[])[]): string {
  const escape = (v: string | null) =>
    v === null
      ? '\\N'
      : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return rows.map((r) => r.map(escape).join('\t')).join('\n') + '\n';
}

/**
 * Loads `rows` split across the two shards (row i to shard i mod 2) into `${table}_local` on each, and creates
 * the Distributed table `table` over them on every shard.
 */
export async function loadClickHouseSharded(
  cluster: ClickHouseCluster,
  table: string,
  names: readonly string[],
  rows: readonly (readonly (string | null)[])[],
): Promise<void> {
  const q = (n: string) => `\`${n.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  const columns = uniqueNames(names)
    .map((n) => `${q(n)} Nullable(String)`)
    .join(', ');
  for (const i of [0, 1]) {
    const url = cluster.adminUrl(i);
    await clickHouseRun(url, `CREATE TABLE ${q(`${table}_local`)} (${columns}) ENGINE = Log`);
    await clickHouseRun(
      url,
      `INSERT INTO ${q(`${table}_local`)} FORMAT TabSeparated`,
      tabSeparated(rows.filter((_, r) => r % 2 === i)),
    );
    await clickHouseRun(
      url,
      `CREATE TABLE ${q(table)} (${columns}) ENGINE = Distributed(fairlimit_cluster, default, ${q(`${table}_local`)})`,
    );
  }
}
