import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/cli/render/table.js';

describe('text tables fit the terminal', () => {
  const header = ['shared net name', 'range', 'max', 'cur', 'percent'];
  const rows = [
    ['All networks', '10.0.1.0 - 10.0.1.20', 21, 0, '0.000'],
    ['campus', '10.1.0.10 - 10.1.0.250', 241, 17, '7.054'],
  ];

  it('is a grid, numbers right-aligned, when every line fits', () => {
    expect(textTable(header, rows, 80)).toBe(
      'shared net name  range                   max  cur  percent\n' +
        'All networks     10.0.1.0 - 10.0.1.20     21    0    0.000\n' +
        'campus           10.1.0.10 - 10.1.0.250  241   17    7.054\n',
    );
  });

  it('is one `name: value` line per cell, a block per row, when a line would wrap', () => {
    const text = textTable(header, rows, 40);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(40);
    expect(text).toBe(
      'shared net name: All networks\n' +
        'range:           10.0.1.0 - 10.0.1.20\n' +
        'max:             21\n' +
        'cur:             0\n' +
        'percent:         0.000\n' +
        '\n' +
        'shared net name: campus\n' +
        'range:           10.1.0.10 - 10.1.0.250\n' +
        'max:             241\n' +
        'cur:             17\n' +
        'percent:         7.054\n',
    );
  });

  it('is a grid when the output is not a terminal (no width)', () => {
    expect(textTable(header, rows).split('\n')[0]).toBe(
      'shared net name  range                   max  cur  percent',
    );
  });
});
