import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/model/code-frame.js';

/** The marked line's text after `> N | `, and the column of the caret under it. */
function marked(frame: string): { text: string; caretAt: number } {
  const lines = frame.split('\n');
  const at = lines.findIndex((line) => line.startsWith('>'));
  const prefix = lines[at]!.indexOf('| ') + 2;
  return { text: lines[at]!.slice(prefix), caretAt: lines[at + 1]!.indexOf('^') - prefix };
}

describe('the source frame of a problem', () => {
  it('cuts a megabyte-long line around the byte it points at', () => {
    const line = `${'a'.repeat(500_000)}X${'b'.repeat(500_000)}`;
    const frame = codeFrame(`${line}\nlease 10.0.0.1 {\n`, 500_000, 7);
    for (const row of frame.split('\n')) expect(row.length).toBeLessThan(200);
    const { text, caretAt } = marked(frame);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text[caretAt]).toBe('X');
  });

  it('cuts long context lines too, and keeps the line numbers', () => {
    const frame = codeFrame(`${'c'.repeat(10_000)}\n${'d'.repeat(10_000)}\nbad here\n`, 20_002, 40);
    expect(frame.split('\n').map((row) => row.slice(0, 5))).toEqual([
      '  40 ',
      '  41 ',
      '> 42 ',
      '     ',
      '  43 ',
    ]);
    for (const row of frame.split('\n')) expect(row.length).toBeLessThan(200);
    expect(marked(frame).text[marked(frame).caretAt]).toBe('b');
  });

  it('puts the caret under the byte when escaped control bytes come before it', () => {
    const frame = codeFrame('lease \x00\x01\x7f 10.0.0.1 Z;', 19, 1);
    const { text, caretAt } = marked(frame);
    expect(text).toBe('lease \\x00\\x01\\x7f 10.0.0.1 Z;');
    expect(text[caretAt]).toBe('Z');
  });
});
