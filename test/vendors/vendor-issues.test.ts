/**
 * Every corpus file of each vendor reads without Issues (the corpus holds no damaged private
 * headers beyond nibabel's CSA blobs, which `csa-nibabel.test.ts` covers), and without throwing.
 */
import { describe, expect, it } from 'vitest';
import { getNumber } from '../../src/dicom/index.js';
import { gunzip } from '../../src/sources/index.js';
import { readGeMr, readPhilipsMr, readSiemensMr, readUihMr } from '../../src/volume/vendors/index.js';
import { corpus, missing } from '../support/requirements.js';
import { vendorFiles } from './vendor-corpus.js';

describe.skipIf(missing(corpus()))('vendor headers of the whole corpus', () => {
  it('reads every Siemens, GE, Philips and UIH file without Issues', () => {
    const readers: [
      string,
      (dataset: Parameters<typeof readUihMr>[0]) => { readonly issues: readonly unknown[] },
    ][] = [
      ['SIEMENS', (dataset) => readSiemensMr(dataset)],
      ['GE', (dataset) => readGeMr(dataset, gunzip)],
      ['UIH', (dataset) => readUihMr(dataset)],
      [
        'PHILIPS',
        (dataset) => {
          const frames = Math.min(getNumber(dataset, 'NumberOfFrames') ?? 1, 4);
          const issues: unknown[] = [];
          for (let frame = 0; frame < frames; frame++) issues.push(...readPhilipsMr(dataset, frame).issues);
          return { issues };
        },
      ],
    ];
    let count = 0;
    for (const [vendor, read] of readers) {
      for (const { path, dataset } of vendorFiles(vendor)) {
        expect(read(dataset).issues, path).toEqual([]);
        count++;
      }
    }
    expect(count).toBeGreaterThan(600);
  });
});
