import type { Command } from 'commander';
import type { ExitCode, Io } from './io.js';

/** What a command module receives: the io, and a way to report its exit code. */
export interface CliContext {
  readonly io: Io;
  setExitCode(code: ExitCode): void;
}

/** One file per command exports one of these; main.ts lists them. */
export type RegisterCommand = (program: Command, context: CliContext) => void;
