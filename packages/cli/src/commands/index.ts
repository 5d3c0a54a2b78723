import type { Command } from '../command.js';
import { triageCommand } from './triage.js';

// Every sub-command, one line each. Keep alphabetical.
export const commands: readonly Command[] = [triageCommand];
