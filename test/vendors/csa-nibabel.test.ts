/**
 * The CSA reader against nibabel 5's `nicom.csareader` on nibabel's own test blobs (valid,
 * zero-length items, malformed 1001 items) and on both CSA headers of every Siemens file in the
 * corpus: the same tag names in the same order, VMs, VRs and values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gunzip, isGzip } from '../../src/sources/index.js';
import { type CsaHeader, parseCsaHeader, readCsaHeaders } from '../../src/volume/vendors/index.js';
import { corpus, missing, nibabel } from '../support/requirements.js';
import { hasCreator, runPythonJson, vendorFiles } from './vendor-corpus.js';

type NibabelHeader = null | { error: string } | { tags: [string, number, string, unknown[]][] };

const blobs = corpus('nibabel/nibabel/nicom/tests/data');
const numericVRs = new Set(['FL', 'FD', 'DS', 'SS', 'US', 'SL', 'UL', 'IS']);

/** Our header in nibabel's shape: numbers for numeric VRs (nibabel converts them). */
function comparable(csa: CsaHeader): [string, number, string, unknown[]][] {
  return [...csa].map(([name, tag]) => [
    name,
    tag.vm,
    tag.vr,
    tag.values.map((value) => (numericVRs.has(tag.vr) ? Number(value) : value)),
  ]);
}

function expectSame(ours: CsaHeader | undefined, reference: NibabelHeader, label: string): void {
  if (reference === null) {
    expect(ours, label).toBeUndefined();
  } else if ('error' in reference) {
    expect(ours, `${label}: nibabel raised ${reference.error}`).toBeUndefined();
  } else {
    expect(ours, label).toBeDefined();
    expect(comparable(ours!), label).toEqual(reference.tags);
  }
}

describe.skipIf(missing(blobs, nibabel()))('CSA headers against nibabel', () => {
  it('parses nibabel’s test blobs as nibabel does, and reports the malformed one', () => {
    const names = [
      'csa2_b0.bin',
      'csa2_b1000.bin',
      'csa2_zero_len.bin.gz',
      'csa_str_valid.bin',
      'csa_str_1001n_items.bin',
    ];
    const paths = names.map((name) => join(blobs.path, name));
    const reference = runPythonJson('nibabel_csa.py', paths) as Record<string, { blob: NibabelHeader }>;
    for (const path of paths) {
      let bytes: Uint8Array = readFileSync(path);
      if (isGzip(bytes)) bytes = gunzip(bytes);
      const result = parseCsaHeader(bytes);
      expectSame(result.csa, reference[path]!.blob, path);
      if (path.endsWith('1001n_items.bin')) {
        expect(result.issues.map((issue) => issue.code)).toEqual(['csa-malformed']);
      } else {
        expect(result.issues).toEqual([]);
      }
    }
  });

  it('reads the CSA headers of every Siemens file in the corpus as nibabel does', () => {
    const files = vendorFiles('SIEMENS').filter(({ dataset }) =>
      hasCreator(dataset, 0x0029, 'SIEMENS CSA HEADER'),
    );
    expect(files.length).toBeGreaterThan(40);
    const reference = runPythonJson(
      'nibabel_csa.py',
      files.map(({ path }) => path),
    ) as Record<string, { image: NibabelHeader; series: NibabelHeader }>;
    let compared = 0;
    for (const { path, dataset } of files) {
      const ours = readCsaHeaders(dataset);
      expect(ours.issues, path).toEqual([]);
      expectSame(ours.image, reference[path]!.image, `${path} image`);
      expectSame(ours.series, reference[path]!.series, `${path} series`);
      compared += (ours.image === undefined ? 0 : 1) + (ours.series === undefined ? 0 : 1);
    }
    expect(compared).toBeGreaterThan(85);
  });
});
