import fc from 'fast-check';
import type { Binding, BindingValue, OnHandlers, Statement } from '../types.js';
import type { ResolvedOptions } from '../options.js';
import { bytes, names, statementText } from './primitives.js';

const variable = (): fc.Arbitrary<string> => fc.constantFrom(...names.variables);

/** What write_statements prints inside `on` blocks, nested up to `depth` levels. */
export function statements(depth: number): fc.Arbitrary<Statement[]> {
  const simple: fc.Arbitrary<Statement> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), name: variable(), value: statementText() }),
    fc.record({ kind: fc.constant('unset' as const), name: variable() }),
    fc.record({
      kind: fc.constant('log' as const),
      priority: fc.constantFrom('info' as const, 'debug' as const, 'error' as const),
      // dhcpd runs `on expiry` handlers while loading (expire_all_pools), so `dhcpd -T` prints
      // these lines: a fixed prefix lets a reader of its output tell them from warnings.
      text: statementText().map((t) => `lease event ${t}`),
    }),
  );
  const statement: fc.Arbitrary<Statement> =
    depth <= 0
      ? simple
      : fc.oneof(
          { weight: 4, arbitrary: simple },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('on' as const),
              events: fc.subarray(['expiry', 'commit', 'release'] as const, { minLength: 1 }),
              body: fc.constant(null).chain(() => statements(depth - 1)),
            }),
          },
        );
  return fc.array(statement, { minLength: 1, maxLength: 3 });
}

export const noHandlers: OnHandlers = { expiry: null, release: null, shared: false };

/** `on expiry`, `on release` or `on expiry or release` handlers (often none). */
export function onHandlers(): fc.Arbitrary<OnHandlers> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(noHandlers) },
    {
      weight: 2,
      arbitrary: fc.record({
        expiry: fc.option(statements(2), { nil: null }),
        release: fc.option(statements(2), { nil: null }),
        shared: fc.constant(false),
      }),
    },
    {
      weight: 1,
      arbitrary: statements(2).map((s): OnHandlers => ({ expiry: s, release: s, shared: true })),
    },
  );
}

/** write_binding_scope's three value kinds; with `legacy`, also 3.x hex data. */
export function bindingValue(options: ResolvedOptions): fc.Arbitrary<BindingValue> {
  const kinds: fc.Arbitrary<BindingValue>[] = [
    bytes(1, 12).map((b): BindingValue => ({ kind: 'data', bytes: b })),
    fc
      .integer({ min: -2147483648, max: 2147483647 })
      .map((v): BindingValue => ({ kind: 'number', value: v })),
    fc.boolean().map((v): BindingValue => ({ kind: 'boolean', value: v })),
  ];
  if (options.legacy) {
    // dhcpd reads hex only when its first token is NUMBER_OR_NAME: an octet with a hex letter (0a-0f).
    kinds.push(
      fc
        .tuple(fc.integer({ min: 0x0a, max: 0x0f }), bytes(0, 6))
        .map(([first, rest]): BindingValue => ({ kind: 'hex', bytes: [first, ...rest] })),
    );
  }
  return fc.oneof(...kinds);
}

/** Distinct `set` bindings (a lease's scope holds each name once). */
export function bindings(options: ResolvedOptions): fc.Arbitrary<Binding[]> {
  return fc.uniqueArray(fc.record({ name: variable(), value: bindingValue(options) }), {
    maxLength: 3,
    selector: (b) => b.name,
  });
}
