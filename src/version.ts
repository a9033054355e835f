/**
 * fairlimit's version, as written into reports and printed by `--version`. A constant rather than a read of
 * package.json so that the browser core needs no file system; a test checks it equals package.json's version.
 */
export const FAIRLIMIT_VERSION = '0.1.0';
