import { describe, expect, it } from 'vitest';
// The CLI package exports only its bin; its modules are tested through the built dist directly.
import { displayWidth, ellipsize, TextTableWriter, terminalSafe } from '../dist/text-table.js';

describe('text table', () => {
  it('measures terminal cells: wide CJK and emoji take two, combining marks none', () => {
    expect(displayWidth('Grüße')).toBe(5);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('📦 box')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('ellipsizes to the width, keeping the start or the end', () => {
    expect(ellipsize('Your order #4711 has shipped', 12)).toBe('Your order …');
    expect(ellipsize('mail/2026/11/request.eml', 12, 'end')).toBe('…request.eml');
    expect(ellipsize('short', 12)).toBe('short');
    expect(displayWidth(ellipsize('日本語のテキスト', 7))).toBeLessThanOrEqual(7);
  });

  it('replaces control and bidi-override characters, and folds line breaks', () => {
    expect(terminalSafe('a\r\n\tb\u001b[2Jc\u202ed\u0085')).toBe('a b�[2Jc�d�');
    expect(terminalSafe('one\u2028two\u2029three')).toBe('one two three');
  });

  it('sizes columns from the rows it has seen, then streams the rest with the same widths', () => {
    const lines: string[] = [];
    const table = new TextTableWriter(
      [
        { title: 'A', maxWidth: 5 },
        { title: 'B', maxWidth: 10 },
      ],
      (t) => lines.push(t),
      2,
    );
    table.add(['1', 'x']);
    table.add(['22', 'yy']);
    table.add(['333333333', 'a much longer cell']);
    table.end();
    expect(lines).toEqual(['A   B\n', '──  ──\n', '1   x\n', '22  yy\n', '3…  a much lo…\n']);
  });
});
