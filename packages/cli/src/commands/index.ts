import type { Command } from '../command.js';
import { checkConfigCommand } from './check-config.js';
import { triageCommand } from './triage.js';

// Every sub-command, one per line (the trailing comments keep it so). Keep alphabetical.
export const commands: readonly Command[] = [
  checkConfigCommand, // check-config
  triageCommand, // triage
];
