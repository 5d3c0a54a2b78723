import type { Command } from '../command.js';
import { checkConfigCommand } from './check-config.js';

// Every sub-command, one line each. Keep alphabetical.
export const commands: readonly Command[] = [checkConfigCommand];
