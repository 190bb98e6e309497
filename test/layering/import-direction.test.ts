import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

/**
 * The direction of dependencies between the folders of src/: the CLI on top,
 * the commands' domains below it, the readers of the formats below those, the
 * grammar at the bottom. A folder imports only from lower layers, or from its
 * own layer without a cycle between folders, so no import cycle can come back.
 */
const layers: readonly (readonly string[])[] = [
  // Shared by every layer: errors, the shape of diagnostics, where the package
  // lies, bounded file reads, shell quoting, timer limits.
  ['errors', 'diagnostic', 'package-root', 'bounded-file', 'shell-quote', 'timers'],
  ['grammar'],
  ['model', 'dhcpd', 'scan', 'conf', 'log'],
  [
    'check',
    'repair',
    'verify',
    'ready',
    'pair',
    'omapi',
    'fuzz',
    'monitor',
    'arbitraries',
    'pools',
    'leases',
    'restart-pair',
  ],
  // The CLI, and the library's face (src/index.ts).
  ['cli', 'index'],
];

const src = join(repoRoot, 'src');
const layerOf = new Map(layers.flatMap((names, layer) => names.map((name) => [name, layer])));

/** A src/ path's top-level folder, or the file's name without extension for a file directly in src/. */
function areaOf(path: string): string {
  const first = relative(src, path).split(sep)[0]!;
  return first.replace(/\.(ts|js|mjs)$/, '');
}

interface Import {
  from: string;
  to: string;
  where: string;
}

function importsOfSrc(): Import[] {
  const found: Import[] = [];
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.[^']*)'/gm;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(specifier)) {
      const target = resolve(dirname(file), match[1]!);
      const line = text.slice(0, match.index).split('\n').length;
      found.push({
        from: areaOf(file),
        to: areaOf(target),
        where: `${relative(repoRoot, file)}:${line}`,
      });
    }
  }
  return found;
}

/** The folders of a cycle in the graph, or null when it has none. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('import direction between the folders of src/', () => {
  const imports = importsOfSrc().filter((i) => i.from !== i.to);

  it('finds the imports it judges', () => {
    expect(imports.length).toBeGreaterThan(50);
  });

  it('places every folder of src/ in a layer', () => {
    const unplaced = [...new Set(imports.flatMap((i) => [i.from, i.to]))].filter(
      (area) => !layerOf.has(area),
    );
    expect(unplaced).toEqual([]);
  });

  it('imports only from lower layers, or sideways', () => {
    const upwards = imports
      .filter((i) => layerOf.get(i.to)! > layerOf.get(i.from)!)
      .map((i) => `${i.where} (${i.from}) imports ${i.to}`);
    expect(upwards).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      if (!edges.has(i.from)) edges.set(i.from, new Set());
      edges.get(i.from)!.add(i.to);
    }
    const cycle = findCycle(edges);
    const witnesses = cycle
      ? cycle
          .slice(1)
          .map((to, k) => imports.find((i) => i.from === cycle[k] && i.to === to)!.where)
      : [];
    expect({ cycle, witnesses }).toEqual({ cycle: null, witnesses: [] });
  });
});
