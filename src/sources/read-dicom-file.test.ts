/**
 * Header reads that hand back the file's bytes (`readDicomHeader`), the rest of a file after its
 * first bytes (`readFileRest`), and reading a file from bytes already read (`readDicomBytes`):
 * the same header and the same pixels as reading from disk, on corpus files below, between and
 * above the 64 KiB first read and the 96 KiB whole-file bound, and on a gzip-wrapped copy.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, missing } from '../../test/support/requirements.js';
import { type DicomFile, NotDicomError } from '../dicom/index.js';
import { filesFit, readFilePrefix, readFileRest, readWholeFile } from './file-bytes.js';
import { readDicomBytes, readDicomFile, readDicomHeader } from './read-dicom-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-read-dicom-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const xa30i = corpus('dcm_qa/dcm_qa_xa30i/In/10001_gre_field_mapping');
const table = corpus('dcm_qa/dcm_qa_table/In');
const canon = corpus('dcm_qa/dcm_qa_canon_61/In/enh/3000.dcm');

function firstFile(folder: string): string {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  const names = entries.map((entry) => join(entry.parentPath, entry.name)).sort();
  return names[0]!;
}

/** Byte equality without a deep comparison element by element (megabytes of pixels). */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** The Pixel Data values (one array, or the encapsulated items), as bytes for `sameBytes`. */
function pixels(file: DicomFile): Uint8Array[] {
  return (file.dataset.get(0x7fe00010)?.values ?? []) as Uint8Array[];
}

function samePixels(a: DicomFile, b: DicomFile): boolean {
  const [left, right] = [pixels(a), pixels(b)];
  return (
    left.length > 0 && left.length === right.length && left.every((item, i) => sameBytes(item, right[i]))
  );
}

/** What a header read is made of: tags in order, where it stopped, the Issues. */
function shape(file: DicomFile) {
  return {
    tags: [...file.dataset].map((element) => element.tag),
    pixelDataOffset: file.pixelDataOffset,
    transferSyntax: file.transferSyntax.uid,
    issues: file.issues.map((issue) => issue.code),
  };
}

describe('readFileRest and filesFit', () => {
  it('reads only what the prefix lacks, giving the whole file', () => {
    const path = join(scratch, 'bytes.bin');
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    writeFileSync(path, bytes);
    const prefix = readFilePrefix(path, 65_536);
    expect(prefix.bytes.length).toBe(65_536);
    expect(prefix.size).toBe(200_000);
    expect(sameBytes(readFileRest(path, prefix), bytes)).toBe(true);
  });

  it('says whether files fit a size, counting a missing one as empty', () => {
    const [a, b] = [join(scratch, 'fit-a.bin'), join(scratch, 'fit-b.bin')];
    writeFileSync(a, new Uint8Array(600));
    writeFileSync(b, new Uint8Array(400));
    expect(filesFit([a, b, join(scratch, 'missing.bin')], 1000)).toBe(true);
    expect(filesFit([a, b], 999)).toBe(false);
  });

  it('returns the prefix itself when it is already the whole file', () => {
    const path = join(scratch, 'short.bin');
    writeFileSync(path, new Uint8Array([1, 2, 3]));
    const prefix = readFilePrefix(path, 65_536);
    expect(readFileRest(path, prefix)).toBe(prefix.bytes);
  });
});

const absent = missing(xa30i, table, canon);

describe.skipIf(absent)('readDicomHeader and readDicomBytes', () => {
  const files = {
    // 27 KB: inside the first read.
    small: absent ? '' : firstFile(table.path),
    // 157 KB: past the whole-file bound, header longer than the first read.
    xa30i: absent ? '' : firstFile(xa30i.path),
    // 6.7 MB enhanced multi-frame.
    canon: canon.path,
  };

  it.each(Object.entries(files))('%s: the same header whether the bytes are kept or not', (_, path) => {
    const plain = readDicomFile(path, { headerOnly: true });
    const kept = readDicomHeader(path, { wholeFileUpTo: 64 * 2 ** 20 });
    expect(shape(kept.file)).toEqual(shape(plain));
    expect(sameBytes(kept.wholeFile, readWholeFile(path))).toBe(true);
  });

  it.each(Object.entries(files))('%s: pixels from the kept bytes equal a read from disk', (_, path) => {
    const { wholeFile } = readDicomHeader(path, { wholeFileUpTo: 64 * 2 ** 20 });
    const fromBytes = readDicomBytes(path, wholeFile!);
    const fromDisk = readDicomFile(path);
    expect(shape(fromBytes)).toEqual(shape(fromDisk));
    expect(samePixels(fromBytes, fromDisk)).toBe(true);
  });

  it('keeps no bytes of a file over the bound that it did not read whole', () => {
    const size = statSync(files.canon).size;
    expect(size).toBeGreaterThan(96 * 1024);
    expect(readDicomHeader(files.canon).wholeFile).toBeUndefined();
    expect(readDicomHeader(files.canon, { wholeFileUpTo: size - 1 }).wholeFile).toBeUndefined();
    expect(readDicomHeader(files.canon, { wholeFileUpTo: size }).wholeFile?.length).toBe(size);
    // Small files are read whole anyway: their bytes come back without asking.
    expect(readDicomHeader(files.small).wholeFile?.length).toBe(statSync(files.small).size);
  });

  it('hands back a gzip-wrapped file as stored, and reads its pixels from those bytes', () => {
    const path = join(scratch, 'wrapped.dcm.gz');
    writeFileSync(path, gzipSync(readWholeFile(files.xa30i)));
    const { file, wholeFile } = readDicomHeader(path);
    expect(file.issues[0]?.code).toBe('gzip-wrapped');
    expect(sameBytes(wholeFile, readWholeFile(path))).toBe(true);
    expect(samePixels(readDicomBytes(path, wholeFile!), readDicomFile(files.xa30i))).toBe(true);
  });

  it('hands back bytes of its own: later reads do not change them', () => {
    // The first 64 KiB land in scratch space that every read reuses (readFilePrefixView).
    const reads = Object.values(files).map((path) => ({
      path,
      header: readDicomHeader(path, { wholeFileUpTo: 64 * 2 ** 20 }),
    }));
    for (const path of Object.values(files)) readDicomHeader(path);
    for (const { path, header } of reads) {
      expect(sameBytes(header.wholeFile, readWholeFile(path))).toBe(true);
      expect(shape(header.file)).toEqual(shape(readDicomFile(path, { headerOnly: true })));
    }
    // A header read without its bytes keeps its values too.
    const bare = readDicomHeader(files.canon);
    readDicomHeader(files.small);
    expect(bare.file.dataset.get(0x00080018)?.values).toEqual(
      readDicomFile(files.canon, { headerOnly: true }).dataset.get(0x00080018)?.values,
    );
  });

  it('refuses a large non-DICOM file even when there is room to keep it', () => {
    const path = join(scratch, 'notes.pdf');
    writeFileSync(path, new Uint8Array(300_000).fill(0x25));
    expect(() => readDicomHeader(path, { wholeFileUpTo: 64 * 2 ** 20 })).toThrow(NotDicomError);
  });
});
