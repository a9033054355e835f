export { readCsvFrame, DEFAULT_NA_VALUES, type CsvOptions, type CsvFrame } from './read-csv.js';
export { readCsvTable, type CsvTableResult } from './read-csv-table.js';
