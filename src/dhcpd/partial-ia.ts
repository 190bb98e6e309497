import { DhcpdFatal } from './conflex.js';
import { V6Bindings, type IaKind, type V6PoolLookup } from './confpars-ia.js';

/**
 * What a partial last IA does to the earlier copy of the same IA, read as
 * dhcpd -6 reads them (parse_ia_*_declaration, confpars-ia.ts): the partial
 * copy is never entered, but each of its complete `iaaddr`/`iaprefix`
 * blocks is applied to its pool as it is read, and an expired, released or
 * free one takes its address from the earlier copy (cleanup_lease6); an IA
 * left with no address is gone. So removing the partial copy is not always
 * neutral: it can bring back a binding dhcpd would not have had from the
 * damaged file. Closing the partial copy with `}` right after its last
 * complete block is the other way to repair it: dhcpd then enters it whole,
 * with only those blocks.
 */
export interface PartialIaEffect {
  /** Addresses (prefixes) the IA holds after its earlier copy alone: what removing the partial copy leaves. */
  before: string[];
  /** What dhcpd keeps for the IA from the file as it is (earlier copy, then the partial one). */
  damaged: string[];
  /** Offset in the partial text just past its last complete block's `}` (null: it has none). */
  closeAt: number | null;
  /** What dhcpd keeps when the partial copy is closed at `closeAt` instead (null: it cannot be). */
  closed: string[] | null;
}

/** The text that closes a partial IA after its last complete block. */
export const IA_CLOSE = '\n}\n';

/**
 * Reads the earlier copy (its whole text, or null when there is none) and
 * then the partial one as dhcpd would, and the earlier copy followed by the
 * partial one closed after its last complete block.
 */
export function partialIaEffect(
  kind: IaKind,
  previousText: string | null,
  partialText: string,
  pools6?: V6PoolLookup,
): PartialIaEffect {
  try {
    return readPartialIa(kind, previousText, partialText, pools6);
  } catch (e) {
    // 1,500 white space characters in a row: dhcpd exits while reading (check reports it
    // from the lexer), so the partial copy takes nothing from the earlier one.
    if (!(e instanceof DhcpdFatal)) throw e;
    return { before: [], damaged: [], closeAt: null, closed: null };
  }
}

function readPartialIa(
  kind: IaKind,
  previousText: string | null,
  partialText: string,
  pools6: V6PoolLookup | undefined,
): PartialIaEffect {
  const held = (v6: V6Bindings): string[] => [...v6.bindings().values()].flat().sort();
  const withPrevious = (): V6Bindings => {
    const v6 = new V6Bindings(pools6);
    if (previousText !== null) v6.read(kind, previousText);
    return v6;
  };
  const damagedV6 = withPrevious();
  const before = held(damagedV6);
  const reading = damagedV6.read(kind, partialText);
  const damaged = held(damagedV6);
  const closeAt = reading.lastBlockEnd > 0 ? reading.lastBlockEnd : null;
  let closed: string[] | null = null;
  if (closeAt !== null) {
    const closedV6 = withPrevious();
    const r = closedV6.read(kind, partialText.slice(0, closeAt) + IA_CLOSE);
    closed = r.refused ? null : held(closedV6);
  }
  return { before, damaged, closeAt, closed };
}

/** The addresses of `before` that the partial copy's complete blocks end (empty: removing it is neutral). */
export function endedByPartial(effect: PartialIaEffect): string[] {
  return effect.before.filter((a) => !effect.damaged.includes(a));
}

/** Closing the partial copy leaves dhcpd exactly the bindings the damaged file leaves. */
export function closingKeepsDhcpdsReading(effect: PartialIaEffect): boolean {
  return (
    effect.closed !== null &&
    effect.closed.length === effect.damaged.length &&
    effect.closed.every((a, i) => a === effect.damaged[i])
  );
}
