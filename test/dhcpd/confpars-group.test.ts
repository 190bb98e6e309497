// parse_group_declaration's reading of a group's flags (src/dhcpd/confpars-group.ts),
// as dhcpd writes groups (server/db.c write_group). test/real-dhcpd/group-flags.test.ts
// holds the same shapes to the real dhcpd.
import { describe, expect, it } from 'vitest';
import { readGroupDeclaration } from '../../src/dhcpd/confpars-group.js';
import { cutBodyWarning, simulatePartialDeclaration } from '../../src/dhcpd/partial-declaration.js';

describe('readGroupDeclaration', () => {
  it('reads a flag followed by a statement, and a group with no flags, whole', () => {
    const withStatement = readGroupDeclaration(
      'group g {\n  dynamic;\n        supersede domain-name = "a";\n}',
    );
    expect(withStatement).toMatchObject({ ignored: [], statements: 1, runsOn: null });
    expect([...withStatement.flags]).toEqual(['dynamic']);
    expect(readGroupDeclaration('group g {\n}')).toMatchObject({ statements: 0, runsOn: null });
  });

  it('runs on when a flag it read is followed by the group\'s "}", naming the flag\'s ";"', () => {
    const text = 'group g {\n  dynamic;\n}';
    const reading = readGroupDeclaration(text);
    expect(reading.runsOn).toEqual({
      after: 'dynamic',
      warnedAt: text.indexOf(';'),
      closeAt: text.lastIndexOf('}'),
    });
  });

  it('ignores a flag handed to the statement parser, and reads the one after it', () => {
    const text = 'group "g" {\n  dynamic;\n  deleted;\n  static;\n        option x 1;\n}';
    const reading = readGroupDeclaration(text);
    expect(reading.ignored).toEqual([
      { flag: 'deleted', offset: text.indexOf('deleted'), warnedAt: text.indexOf(';') },
    ]);
    expect([...reading.flags].sort()).toEqual(['dynamic', 'static']);
    expect(reading).toMatchObject({ statements: 1, runsOn: null });
  });

  it('skips a statement with a block as one statement', () => {
    const reading = readGroupDeclaration(
      'group g {\n  dynamic;\n  on commit { set x = "y"; }\n  deleted;\n}',
    );
    expect(reading).toMatchObject({ statements: 1, runsOn: { after: 'deleted' } });
  });
});

describe('a cut group', () => {
  it('keeps the flags it read and only the statements that ended', () => {
    const cut = readGroupDeclaration('group g {\n  dynamic;\n        supersede domain-na');
    expect(cut).toMatchObject({ name: 'g', opened: true, statements: 0, runsOn: null });
    expect([...cut.flags]).toEqual(['dynamic']);
    const whole = readGroupDeclaration(
      'group g {\n  dynamic;\n        supersede domain-name = "a";\n        supersede x',
    );
    expect(whole.statements).toBe(1);
    expect(readGroupDeclaration('group g').opened).toBe(false);
  });

  it('is entered, and a dynamic one without statements is said to cost the next start every lease', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const cut = simulatePartialDeclaration(
      { kind: 'group', head: 'group g {\n  dynamic;\n', completeStatements: [], cutInside: null },
      now,
    );
    expect(cut.outcome.action).toBe('loaded');
    expect(cut.outcome.explanation).toContain('the start after this one loses every lease');
    const withStatement = simulatePartialDeclaration(
      {
        kind: 'group',
        head: 'group g {\n  dynamic;\n        supersede domain-name = "a";\n',
        completeStatements: [],
        cutInside: null,
      },
      now,
    );
    expect(withStatement.outcome.explanation).not.toContain('loses');
  });
});

describe('cutBodyWarning', () => {
  it('names the token before a cut `delete` in a host, group, class or subclass', () => {
    const text = 'host h {\n  dynamic;\n  delete';
    expect(cutBodyWarning('host', text)).toBe(text.indexOf(';'));
    expect(cutBodyWarning('subclass', 'subclass "a" 1:2 {\n  delete')).toBe(
      'subclass "a" 1:2 {'.length - 1,
    );
  });

  it('is silent for other words, other kinds, and a `delete` before the `{`', () => {
    expect(cutBodyWarning('host', 'host h {\n  delet')).toBeNull();
    expect(cutBodyWarning('host', 'host h {\n  deleted')).toBeNull();
    expect(cutBodyWarning('lease', 'lease 10.0.0.1 {\n  delete')).toBeNull();
    expect(cutBodyWarning('host', 'host delete')).toBeNull();
  });
});
