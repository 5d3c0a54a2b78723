import type { Command } from '../command.js';

// Every sub-command, one line each. Keep alphabetical.
export const commands: readonly Command[] = [];
