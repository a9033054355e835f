#!/usr/bin/env node
import { runFromProcess } from '../dist/cli/process-io.js';

await runFromProcess();
