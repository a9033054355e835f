/** csv-parse's transform API uses the global `Buffer`; the web build injects this one (the `buffer` package). */
export { Buffer } from 'buffer';
