/**
 * Acceptance (Step 1, #2): seeded random mutations and truncations of corpus files produce only
 * typed errors (RadkitError subclasses) or Issues: no crash, no hang (each case < 1 s), no
 * untyped exception. Every value is decoded and the JSON model built, so lazy decoding is
 * fuzzed too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetToJsonModel, readDicom } from '../../src/dicom/index.js';
import { RadkitError } from '../../src/errors.js';
import { inflateRaw } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';
import { mutate, seededRandom } from './mutations.js';

/** Small files of different kinds: every encoding, sequences, private tags, charsets, encapsulation. */
const seeds = [
  'pydicom/pydicom/src/pydicom/data/test_files/CT_small.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/MR_small_implicit.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/MR_small_bigendian.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/image_dfl.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/rtplan.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/nested_priv_SQ.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/UN_sequence.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/MR_small_RLE.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/JPEG2000.dcm',
  'pydicom/pydicom/src/pydicom/data/charset_files/chrSQEncoding.dcm',
  'pydicom/pydicom/src/pydicom/data/charset_files/chrX2.dcm',
  'pydicom/pydicom/src/pydicom/data/charset_files/chrH32.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/reportsi.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/ExplVR_BigEndNoMeta.dcm',
  'pydicom/pydicom-data/data_store/data/emri_small_jpeg_ls_lossless.dcm',
  'dcm_qa/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2/i22.MRDC.1',
  'dcmjs/test/sample-sr.dcm',
];
const casesPerSeed = 80;
const seed = 20261122;

interface Outcome {
  readonly untyped: string[];
  readonly slow: string[];
  readonly typedErrors: number;
  readonly readWithIssues: number;
  readonly readClean: number;
}

function runCases(): Outcome {
  const random = seededRandom(seed);
  const outcome = {
    untyped: [] as string[],
    slow: [] as string[],
    typedErrors: 0,
    readWithIssues: 0,
    readClean: 0,
  };
  seeds.forEach((relative, seedIndex) => {
    const original = new Uint8Array(readFileSync(corpus(relative).path));
    for (let n = 0; n < casesPerSeed; n++) {
      const mutation = mutate(original, random);
      const label = `case ${seedIndex * casesPerSeed + n} (${relative}, ${mutation.description})`;
      const start = performance.now();
      try {
        const file = readDicom(mutation.bytes, { inflateRaw, file: relative });
        JSON.stringify(datasetToJsonModel(file.dataset));
        JSON.stringify(datasetToJsonModel(file.meta));
        if (file.issues.length > 0) outcome.readWithIssues += 1;
        else outcome.readClean += 1;
      } catch (error) {
        if (error instanceof RadkitError) outcome.typedErrors += 1;
        else
          outcome.untyped.push(
            `${label}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          );
      }
      const elapsed = performance.now() - start;
      if (elapsed > 1000) outcome.slow.push(`${label}: ${elapsed.toFixed(0)} ms`);
    }
  });
  return outcome;
}

describe.skipIf(missing(corpus()))('reading mutated and truncated files', () => {
  it(`gives only typed errors or Issues, each in under a second (${seeds.length * casesPerSeed} cases, seed ${seed})`, () => {
    const outcome = runCases();
    console.log(
      `fuzz: ${outcome.typedErrors} typed errors, ${outcome.readWithIssues} read with issues, ${outcome.readClean} read clean`,
    );
    expect(outcome.untyped).toEqual([]);
    expect(outcome.slow).toEqual([]);
    expect(outcome.typedErrors + outcome.readWithIssues + outcome.readClean).toBeGreaterThanOrEqual(1000);
    // Mutations that change nothing detectable exist, but most must be noticed.
    expect(outcome.typedErrors + outcome.readWithIssues).toBeGreaterThan(500);
  });
});
