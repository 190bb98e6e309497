/**
 * The number a generated recogniser gives a captured rule in its events,
 * looked up by name; throws for a rule that is not captured, so that a
 * renamed grammar rule fails loudly at load time instead of never matching.
 */
export function capturedRuleNumbers(capturedRules: readonly string[]): (name: string) => number {
  const numbers = new Map(capturedRules.map((name, index) => [name, index]));
  return (name) => {
    const number = numbers.get(name);
    if (number === undefined) throw new Error(`rule ${name} is not captured`);
    return number;
  };
}
