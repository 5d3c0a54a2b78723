import type { Command } from '../command.js';
import { auth } from './auth.js';
import { checkConfigCommand } from './check-config.js';
import { triageCommand } from './triage.js';

// Every sub-command, one per line (the trailing comments keep it so). Keep alphabetical.
export const commands: readonly Command[] = [
  auth, // auth
  checkConfigCommand, // check-config
  triageCommand, // triage
];
