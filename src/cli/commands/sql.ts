import type { Command } from 'commander';
import { withDuckDb } from '../../data/duckdb/connection.js';
import { duckDbSource } from '../../data/duckdb/index.js';
import { parseDerivedColumn } from '../../data/index.js';
import { SQL_DIALECTS, aggregationQuery, isSqlDialect } from '../../data/sql/index.js';
import { InputError } from '../../errors.js';
import type { RegisterCommand } from '../context.js';
import { terminalText } from '../io.js';
import {
  type DataOptionValues,
  FILE_READING_OPTIONS,
  addDataOptions,
  refuseInapplicable,
  splitList,
  tableSpecOf,
} from '../options.js';
import { isWhitespaceDelimited } from '../../data/csv/read-csv.js';

const EXAMPLES = `
The query returns one row per (features, group, label) with "weight" (sum of row weights) and "n_rows"; save
its result as CSV or Parquet and pass it to --counts.

Examples:
  $ fairlimit sql --dialect spark --table db.events --group race --label y --features age,prior \\
      --bins age=edges:20,30,40 > counts.sql
  $ fairlimit sql data.csv --dialect duckdb --group race --label y --bins age=quantile:5 | duckdb
  $ fairlimit frontier --counts counts.csv --group race --label y
`;

interface SqlOptionValues extends DataOptionValues {
  readonly dialect: string;
  readonly table?: string;
}

export const registerSql: RegisterCommand = (program: Command, { io }) => {
  addDataOptions(
    program
      .command('sql')
      .description('print the aggregation query (counts per cell, group and label) for your own SQL engine')
      .argument('[file]', 'a CSV or Parquet file: its header gives the columns (and DuckDB reads it)'),
    { dataset: false },
  )
    .requiredOption('--dialect <name>', `SQL dialect: ${SQL_DIALECTS.join(', ')}`)
    .option('--table <name>', 'the table (or view) to read, as your engine spells it')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string | undefined, o: SqlOptionValues) => {
      if (!isSqlDialect(o.dialect))
        throw new InputError(
          'E_BAD_OPTION',
          `unknown dialect "${o.dialect}" (use ${SQL_DIALECTS.join(', ')})`,
          {
            option: '--dialect',
          },
        );
      if (file === undefined)
        refuseInapplicable(
          o,
          FILE_READING_OPTIONS,
          'it tells how a file is read, and no file is given',
          '--table',
        );
      if (o.delimiter !== undefined && isWhitespaceDelimited({ delimiter: o.delimiter }))
        throw new InputError(
          'E_BAD_OPTION',
          '--delimiter whitespace is read in process only; SQL engines cannot split on it',
          {
            option: '--delimiter',
          },
        );
      const { spec, csv } = tableSpecOf(o);
      let from = o.table;
      if (from === undefined) {
        if (file === undefined || o.dialect !== 'duckdb')
          throw new InputError(
            'E_USAGE',
            'name the table to read with --table (or give a file with --dialect duckdb)',
            {
              option: '--table',
            },
          );
        from = duckDbSource(file, csv);
      }
      let columnNames: string[];
      if (csv.columns) columnNames = [...csv.columns];
      else if (file !== undefined) {
        const source = duckDbSource(file, csv);
        columnNames = await withDuckDb(
          async (c) => (await c.runAndReadAll(`SELECT * FROM ${source} LIMIT 0`)).columnNames(),
          file,
        );
      } else {
        if (!o.features || ((o.derive?.length ?? 0) > 0 && !o.features))
          throw new InputError(
            'E_USAGE',
            'without a file, list the feature columns with --features (or all columns with --columns)',
            { option: '--features' },
          );
        const derived = new Set((o.derive ?? []).map((d) => parseDerivedColumn(d).name));
        const roles = [...splitList(o.group!, '--group'), o.label!, ...(o.weights ? [o.weights] : [])];
        columnNames = [...splitList(o.features, '--features').filter((f) => !derived.has(f)), ...roles];
      }
      const { sql } = aggregationQuery(spec, {
        dialect: o.dialect,
        from,
        columnNames,
        ...(csv.naValues ? { naValues: csv.naValues } : {}),
      });
      io.stdout.write(terminalText(io.stdout, `${sql};\n`));
    });
};
