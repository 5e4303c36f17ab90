/**
 * The import graph of `src/`: which file imports which, read from the import and export
 * statements (type-only imports included: a layer must not even know the types above it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { listFiles } from '../support/corpus-files.js';

export interface ImportEdge {
  /** Importing file, relative to src/ (e.g. `dicom/read-dicom.ts`). */
  readonly from: string;
  /** Imported file relative to src/, or the bare specifier for packages and `node:*`. */
  readonly to: string;
  readonly external: boolean;
  /** `import type` / `export type`: erased at run time, so it cannot close a cycle. */
  readonly typeOnly: boolean;
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

export function sourceFiles(srcRoot: string): string[] {
  return listFiles(srcRoot)
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
    .map((path) => relative(srcRoot, path));
}

export function importEdges(srcRoot: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const text = readFileSync(join(srcRoot, file), 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[2] ?? match[3] ?? match[4];
      if (specifier === undefined) continue;
      const typeOnly = match[1] !== undefined;
      if (specifier.startsWith('.')) {
        const target = relative(srcRoot, resolve(srcRoot, dirname(file), specifier)).replace(/\.js$/, '.ts');
        edges.push({ from: file, to: target, external: false, typeOnly });
      } else {
        edges.push({ from: file, to: specifier, external: true, typeOnly });
      }
    }
  }
  return edges;
}

/**
 * Strongly connected components of the run-time import graph with more than one file (or a
 * self-import): the cycles. Type-only imports are left out: an element type that mentions the
 * dataset type that holds it is recursion in the data, not in the code.
 */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.external || edge.typeOnly) continue;
    graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to]);
    if (!graph.has(edge.to)) graph.set(edge.to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
