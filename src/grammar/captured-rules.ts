/**
 * The number a generated recogniser gives each captured rule in its events,
 * by name (its index in the recogniser's CAPTURED_RULES). The names are the
 * recogniser's own `as const` list, so a reader that still uses the name of
 * a renamed grammar rule fails the type check instead of never matching.
 * Built with Object.fromEntries, which V8 gives fast properties (an object
 * filled key by key turns into a dictionary past a few dozen keys), since
 * readers compare against these numbers once per event.
 */
export function capturedRuleIds<Name extends string>(
  capturedRules: readonly Name[],
): Readonly<Record<Name, number>> {
  const entries = capturedRules.map((name, index) => [name, index] as const);
  return Object.fromEntries(entries) as Record<Name, number>;
}
