/**
 * csv-parse's platform-neutral transform API (lib/api/index.js): the parser inside its Node stream, without
 * the stream. The package does not export the path, so the web build aliases this name to it.
 */
declare module 'csv-parse-api' {
  export { CsvError } from 'csv-parse';
  export interface TransformApi {
    parse(
      chunk: Uint8Array | undefined,
      end: boolean,
      push: (record: { record: string[]; info: { lines: number } }) => void,
      close: () => void,
    ): Error | undefined;
  }
  export function transform(options: import('csv-parse').Options): TransformApi;
}
