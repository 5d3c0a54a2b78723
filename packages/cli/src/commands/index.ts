import type { Command } from '../command.js';
import { auth } from './auth.js';

// Every sub-command, one line each. Keep alphabetical.
export const commands: readonly Command[] = [auth];
