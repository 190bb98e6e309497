import { scanLeaseFile } from '../scan/index.js';
import type { Declaration } from '../model/types.js';
import type { KeyedDeclarations } from './backup.js';

/** The last declaration of each key in a lease file, via the scanner: what a restore compares. */
export async function listDeclarations(path: string): Promise<KeyedDeclarations> {
  const last = new Map<string, string>();
  let declarations = 0;
  await scanLeaseFile(path, {
    onDeclaration(d: Declaration) {
      declarations++;
      if (d.key === null) return;
      last.set(
        `${d.kind} ${d.key}`,
        JSON.stringify([d.bindingState, d.ends, d.hardware, d.uid, d.deleted, d.addresses ?? null]),
      );
    },
  });
  return { declarations, last };
}
