import { describe, expect, it } from 'vitest';
import { CODE_PADDING, END_CODE } from '../../src/grammar/generated/lease-recogniser.js';
import { ScanWindow } from '../../src/scan/window.js';

/** Appends `text` to the window in reads of at most `room` bytes. */
function appendText(window: ScanWindow, text: string, room: number): number {
  const bytes = Buffer.from(text, 'latin1');
  let at = 0;
  return window.append(bytes.length, room, (target, offset, max) => {
    const n = Math.min(max, bytes.length - at);
    target.set(bytes.subarray(at, at + n), offset);
    at += n;
    return n;
  });
}

/** The part of the file the scanner holds, as bytes, codes and text. */
describe('scan window', () => {
  const text =
    'lease 10.0.0.1 {\n}\nlease 10.0.0.2 {\n  binding state free;\n}\nlease 10.0.0.3 {\n';

  it('holds the bytes appended, as codes followed by the end sentinel', () => {
    const window = new ScanWindow();
    expect(appendText(window, text, 5)).toBe(text.length);
    expect(window.text).toBe(text);
    expect(window.limit).toBe(text.length);
    expect(Array.from(window.codes.subarray(0, text.length))).toEqual(
      [...text].map((c) => c.charCodeAt(0)),
    );
    expect(
      window.codes.subarray(text.length, text.length + CODE_PADDING).every((c) => c === END_CODE),
    ).toBe(true);
  });

  it('hides the last declaration line from the recogniser until told to show all', () => {
    const window = new ScanWindow();
    appendText(window, text, 1000);
    window.endAtLastDeclarationLine();
    const last = text.lastIndexOf('lease');
    expect(window.limit).toBe(last);
    expect(window.codes[last]).toBe(END_CODE);
    window.endAtEnd();
    expect(window.limit).toBe(text.length);
    expect(window.codes[last]).toBe('l'.charCodeAt(0));
  });

  it('drops what lies before a point, and offsets then count from there', () => {
    const window = new ScanWindow();
    appendText(window, text, 1000);
    const keep = text.indexOf('lease 10.0.0.2');
    window.dropBefore(keep);
    expect(window.length).toBe(text.length - keep);
    expect(window.text).toBe(text.slice(keep));
    appendText(window, '}\n', 1000);
    expect(window.text).toBe(text.slice(keep) + '}\n');
    window.reset();
    expect(window.length).toBe(0);
    expect(window.text).toBe('');
  });
});
