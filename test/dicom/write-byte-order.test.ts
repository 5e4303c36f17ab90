/**
 * Writer acceptance, byte order (PS3.5 §7.3): every Explicit VR Big Endian file of the corpus
 * written as Explicit VR Little Endian reads back with the same values; the big-endian twin of
 * a little-endian file becomes that file's dataset byte for byte; and little endian → big
 * endian → little endian gives back the original bytes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetToJsonModel, encodeDataset, encodeDicomFile, readDicom } from '../../src/dicom/index.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { corpus, missing } from '../support/requirements.js';

const explicitLE = '1.2.840.10008.1.2.1';
const explicitBE = '1.2.840.10008.1.2.2';

function read(path: string) {
  return readDicom(new Uint8Array(readFileSync(path)), { file: corpusRelative(path) });
}

/** The corpus files the reader takes for Explicit VR Big Endian. */
function bigEndianFiles(): string[] {
  return candidateDicomFiles().filter((path) => {
    try {
      return read(path).transferSyntax.uid === explicitBE;
    } catch {
      return false;
    }
  });
}

describe.skipIf(missing(corpus()))('byte order', () => {
  it('writes every big-endian file as little endian with the same values', () => {
    const files = bigEndianFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const differing: string[] = [];
    for (const path of files) {
      const source = read(path);
      const bytes = encodeDicomFile(source.dataset, { transferSyntaxUID: explicitLE, fileMeta: source.meta });
      const output = readDicom(bytes);
      expect(output.transferSyntax.uid).toBe(explicitLE);
      expect(output.issues.filter((issue) => issue.severity !== 'info')).toEqual([]);
      const before = JSON.stringify(datasetToJsonModel(source.dataset));
      if (JSON.stringify(datasetToJsonModel(output.dataset)) !== before) differing.push(corpusRelative(path));
    }
    console.log(
      `byte order: ${files.length} big-endian files written as little endian, ${differing.length} differ`,
    );
    expect(differing).toEqual([]);
  });

  const twins = corpus('pydicom/pydicom-data/data_store/data/emri_small_big_endian.dcm');
  const twin = corpus('pydicom/pydicom-data/data_store/data/emri_small.dcm');
  it.skipIf(missing(twins, twin))(
    "turns a big-endian file into its little-endian twin's dataset bytes",
    () => {
      const big = read(twins.path);
      const little = read(twin.path);
      expect(big.transferSyntax.uid).toBe(explicitBE);
      const converted = encodeDataset(big.dataset, { transferSyntaxUID: explicitLE });
      const original = encodeDataset(little.dataset, { transferSyntaxUID: explicitLE });
      // The twin round-trips exactly (write-round-trip.test.ts), so this is its bytes on disk.
      expect(converted.length).toBe(original.length);
      expect(Buffer.compare(converted, original)).toBe(0);
    },
  );

  const sources = ['dcm_qa/dcm_qa_ts/In/1.dcm', 'dcm_qa/dcm_qa_enh/In/Siemens/XA10/6_1.dcm'].map((file) =>
    corpus(file),
  );
  it.skipIf(missing(...sources))('gives back the original bytes after little → big → little endian', () => {
    for (const { path } of sources) {
      const source = read(path);
      const big = readDicom(
        encodeDicomFile(source.dataset, { transferSyntaxUID: explicitBE, fileMeta: source.meta }),
      );
      expect(big.transferSyntax.littleEndian).toBe(false);
      const back = encodeDataset(big.dataset, { transferSyntaxUID: explicitLE });
      const original = encodeDataset(source.dataset, { transferSyntaxUID: explicitLE });
      expect(back.length, path).toBe(original.length);
      const first = back.findIndex((byte, index) => byte !== original[index]);
      expect(first, path).toBe(-1);
    }
  });
});
