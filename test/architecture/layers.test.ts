/**
 * The architecture as a test (docs/architecture.md): imports point down the layers, sideways
 * only where the table allows, across folders only through a folder's index.ts; L1 is pure
 * (no `node:*`); and no file imports itself round a cycle.
 */
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, type ImportEdge, importEdges, sourceFiles } from './import-graph.js';

const srcRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Layer of each top-level folder; root files (errors.ts, issue.ts) are layer 0. */
const layerOf: Readonly<Record<string, number>> = {
  dicom: 1,
  geometry: 1,
  ndarray: 1,
  volume: 2,
  formats: 2,
  sources: 2,
  db: 2,
  naming: 2,
  library: 3,
  convert: 3,
  dbio: 3,
  records: 3,
  provenance: 3,
  preview: 3,
  net: 3,
  cli: 4,
  server: 4,
  web: 4,
};

/** Which folders each folder may import, beyond layer 0 (ARCHITECTURE.md's table). */
const allowed: Readonly<Record<string, readonly string[]>> = {
  dicom: [],
  geometry: [],
  ndarray: [],
  volume: ['dicom', 'geometry', 'ndarray'],
  formats: ['dicom', 'geometry', 'ndarray', 'volume'],
  sources: ['dicom', 'geometry', 'ndarray'],
  db: ['dicom', 'geometry', 'ndarray', 'volume', 'formats', 'sources', 'naming'],
  naming: ['dicom', 'geometry', 'ndarray', 'volume'],
  library: [
    'dicom',
    'geometry',
    'ndarray',
    'volume',
    'formats',
    'sources',
    'db',
    'naming',
    'convert',
    'preview',
  ],
  convert: ['dicom', 'geometry', 'ndarray', 'volume', 'formats', 'sources', 'naming'],
  dbio: [
    'dicom',
    'geometry',
    'ndarray',
    'volume',
    'formats',
    'sources',
    'db',
    'naming',
    'convert',
    'preview',
  ],
  records: [
    'dicom',
    'geometry',
    'ndarray',
    'volume',
    'formats',
    'sources',
    'db',
    'naming',
    'convert',
    'preview',
    'dbio',
  ],
  provenance: ['dicom', 'geometry', 'ndarray', 'volume', 'formats', 'sources', 'db', 'naming'],
  preview: ['dicom', 'geometry', 'ndarray', 'volume', 'formats', 'sources', 'db', 'naming'],
  net: ['dicom', 'geometry', 'ndarray', 'volume', 'formats', 'sources', 'db', 'naming'],
  cli: Object.keys(layerOf).filter((folder) => (layerOf[folder] ?? 0) < 4),
  server: Object.keys(layerOf).filter((folder) => (layerOf[folder] ?? 0) < 4),
  web: ['dicom', 'geometry', 'ndarray', 'volume'],
};

const nodeBuiltins = new Set(builtinModules);

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
}

/** Every rule broken by an import graph, as readable lines. */
function violationsOf(edges: readonly ImportEdge[], files: readonly string[]): string[] {
  const violations: string[] = [];
  for (const edge of edges) {
    const from = folderOf(edge.from);
    if (from === '') continue; // src/index.ts (the package face) and layer-0 files are checked by their imports below
    const layer = layerOf[from];
    if (layer === undefined) {
      violations.push(
        `${edge.from}: folder '${from}' has no layer; add it to docs/architecture.md and this test`,
      );
      continue;
    }
    if (edge.external) {
      const isNode = edge.to.startsWith('node:') || nodeBuiltins.has(edge.to.split('/')[0]!);
      if (isNode && layer === 1) violations.push(`${edge.from}: L1 is pure, but it imports ${edge.to}`);
      if (isNode && !edge.to.startsWith('node:'))
        violations.push(`${edge.from}: import Node built-ins as 'node:${edge.to}'`);
      continue;
    }
    const to = folderOf(edge.to);
    if (to === from) continue;
    if (to === '') {
      if (!['errors.ts', 'issue.ts'].includes(edge.to))
        violations.push(`${edge.from}: imports the package root ${edge.to}`);
      continue;
    }
    if (!(allowed[from] ?? []).includes(to)) {
      violations.push(
        `${edge.from}: ${from}/ (L${layer}) may not import ${to}/ (L${layerOf[to] ?? '?'}): ${edge.to}`,
      );
    } else if (edge.to !== `${to}/index.ts`) {
      violations.push(`${edge.from}: imports ${edge.to}; other folders are imported through ${to}/index.ts`);
    }
  }
  for (const file of files) {
    if (!file.includes('/') && !['errors.ts', 'issue.ts', 'index.ts'].includes(file)) {
      violations.push(
        `${file}: files at the root of src/ are layer 0 (errors.ts, issue.ts) or the package face (index.ts)`,
      );
    }
  }
  for (const edge of edges) {
    if (
      ['errors.ts', 'issue.ts'].includes(edge.from) &&
      !edge.external &&
      !['errors.ts', 'issue.ts'].includes(edge.to)
    ) {
      violations.push(`${edge.from}: layer 0 may not import ${edge.to}`);
    }
  }
  return violations;
}

describe('layers', () => {
  it('has sources to check', () => {
    expect(sourceFiles(srcRoot).length).toBeGreaterThan(10);
  });

  it('imports only down the layers, through index.ts, with no node:* in L1', () => {
    expect(violationsOf(importEdges(srcRoot), sourceFiles(srcRoot))).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(importEdges(srcRoot))).toEqual([]);
  });

  it('detects a cycle and an upward import (the check itself can fail)', () => {
    const edges = [
      { from: 'a.ts', to: 'b.ts', external: false, typeOnly: false },
      { from: 'b.ts', to: 'a.ts', external: false, typeOnly: false },
      { from: 'c.ts', to: 'a.ts', external: false, typeOnly: false },
    ];
    expect(cycles(edges)).toEqual([['a.ts', 'b.ts']]);
    const upward = [
      { from: 'dicom/read.ts', to: 'cli/index.ts', external: false, typeOnly: false },
      { from: 'dicom/read.ts', to: 'node:fs', external: true, typeOnly: false },
      { from: 'cli/main.ts', to: 'dicom/read.ts', external: false, typeOnly: false },
    ];
    expect(violationsOf(upward, ['dicom/read.ts', 'cli/main.ts'])).toHaveLength(3);
  });
});
