import { placeholder } from '@mailroom/headers';
import { expect, it } from 'vitest';
it('loads', () => { expect(placeholder).toBe(1); });
