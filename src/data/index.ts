/** The data area: the checked EncodedTable, its readers and generators. Other areas import data only from here. */
export { type EncodedTable, selectRows, rowWeight } from './table.js';
export { syntheticTable, type SyntheticOptions } from './synthetic.js';
export * from './reference/index.js';
