/**
 * Acceptance (Step 1, #1): every corpus file that pydicom 2.3 reads, radkit reads, and
 * `datasetToJsonModel` (what `radkit dump --json` prints) equals pydicom's `to_json_dict()` on
 * every element. The remaining differences are listed in `knownDifferences`, each with its
 * reason, and documented in docs/dicom-json.md; any other difference fails.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DataElement, datasetToJsonModel, formatTagKey, NotDicomError } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { compareDatasets, type JsonDifference } from '../support/compare-json.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { pydicomJson } from '../support/pydicom-reference.js';
import { corpus, missing, pydicom } from '../support/requirements.js';
import { knownDifferences, notDicom } from './pydicom-json.known.js';

function md5Uri(element: DataElement): string {
  const values = element.values as Uint8Array[];
  const hash = createHash('md5');
  if (element.encapsulated) {
    // pydicom holds encapsulated data as the raw item stream up to the delimiter: re-create it.
    for (const fragment of values) {
      const header = new Uint8Array(8);
      new DataView(header.buffer).setUint32(0, 0xe000fffe, true);
      new DataView(header.buffer).setUint32(4, fragment.length, true);
      hash.update(header).update(fragment);
    }
  } else {
    hash.update(values[0] ?? new Uint8Array(0));
  }
  return `md5:${hash.digest('hex')}`;
}

function isKnown(file: string, difference: JsonDifference): boolean {
  return knownDifferences.some(
    (known) => known.file === file && (known.path === '*' || difference.path.startsWith(known.path)),
  );
}

describe.skipIf(missing(corpus(), pydicom()))('radkit reads what pydicom reads, with the same JSON', () => {
  const files = candidateDicomFiles();
  const reference = pydicomJson(files);

  it('covers the corpus', () => {
    expect(files.length).toBeGreaterThan(850);
    expect(reference.size).toBe(files.length);
  });

  it('reads every file pydicom reads and gives equal JSON for every element', () => {
    const unexpected: string[] = [];
    let compared = 0;
    let elements = 0;
    const pydicomErrors: string[] = [];
    for (const path of files) {
      const file = corpusRelative(path);
      const theirs = reference.get(path)!;
      let read: ReturnType<typeof readDicomFile>;
      try {
        read = readDicomFile(path);
      } catch (error) {
        // Only files pydicom itself refuses without force=True may be refused, and each is listed.
        const expected = error instanceof NotDicomError && theirs.read !== 'ok' && notDicom.has(file);
        if (!expected)
          unexpected.push(`${file}: radkit could not read it (pydicom: ${theirs.read}): ${String(error)}`);
        continue;
      }
      if (theirs.read === 'error' || theirs.elements === undefined) continue;
      if (notDicom.has(file)) {
        unexpected.push(`${file}: listed as not DICOM but radkit read it`);
        continue;
      }
      const ours = datasetToJsonModel(read.dataset, { bulkDataUri: md5Uri, bulkDataThreshold: 0 }) as Record<
        string,
        unknown
      >;
      const differences = compareDatasets(ours, theirs.elements, {
        // Big-endian "other" values are little endian in radkit (see docs/dicom-json.md).
        compareBinary: read.transferSyntax.littleEndian,
        onPydicomError: (where, error) => pydicomErrors.push(`${file} ${where}: ${error}`),
      });
      compared += 1;
      elements += Object.keys(ours).length;
      for (const difference of differences) {
        if (!isKnown(file, difference)) unexpected.push(`${file} ${difference.path}: ${difference.what}`);
      }
    }
    console.log(
      `compared ${compared} files, ${elements} top-level elements; pydicom could not convert ${pydicomErrors.length} elements`,
    );
    for (const line of pydicomErrors) console.log(`  pydicom error: ${line}`);
    if (unexpected.length > 0) console.log(unexpected.join('\n'));
    expect(unexpected, unexpected.slice(0, 80).join('\n')).toEqual([]);
    expect(compared).toBeGreaterThan(800);
  });

  it('keys its JSON by ggggeeee', () => {
    expect(formatTagKey(0x00100010)).toBe('00100010');
  });
});
