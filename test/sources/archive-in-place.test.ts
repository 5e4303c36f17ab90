/**
 * Archive members read in place (sources/archive-in-place.ts): tar (GNU long names, pax paths)
 * plain and gzip-compressed, made by GNU tar; zip deflated and stored (fflate), and with Zip64
 * records and long local extra fields (Python's zipfile). Every member reads back byte for byte
 * through the file readers, whole, by prefix and into a reused buffer; the listing is the order
 * the source folder lists in; nothing is written for a zip or a tar, one file for a .tar.gz,
 * and it is gone on unmount; damage is said of the archive.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ArchiveError,
  copyInputFile,
  ExtractionWriteError,
  forEachPiece,
  InputFileError,
  inputFileName,
  listFiles,
  mountArchive,
  ReusedReadBuffer,
  readFilePrefix,
  readFileRest,
  readWholeFile,
} from '../../src/sources/index.js';
import { memberStart, zipEntries } from '../../src/sources/zip-archive.js';
import { missing, referencePython, tool } from '../support/requirements.js';

const root = mkdtempSync(join(tmpdir(), 'radkit-in-place-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// TMPDIR of its own, to see what a mount writes there.
const scratch = join(root, 'tmp');
let savedTmpdir: string | undefined;
beforeEach(() => {
  savedTmpdir = process.env.TMPDIR;
  mkdirSync(scratch, { recursive: true });
  process.env.TMPDIR = scratch;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
});

// Names that sort differently folder by folder than as whole strings (`a/x` before `a.dcm`), a
// name past tar's 100-byte field, hidden files, and sizes around tar's 512-byte blocks and past
// the 64 KiB first read.
const longFolder = `series-${'x'.repeat(120)}`;
const source = join(root, 'source');
const contents = new Map<string, Uint8Array>();
const names = [
  `${longFolder}/IM0.dcm`,
  'top/IM1.dcm',
  `${longFolder}/IM2.dcm`,
  'top/IM3.dcm',
  'a.dcm',
  'a/x.dcm',
  'B/y.dcm',
  '.hidden.dcm',
  'b/.cache/z.dcm',
];
for (const [index, name] of names.entries()) {
  const size = [0, 1, 511, 512, 513, 70_000, 200_000, 10, 10][index]!;
  // Compressible, so that deflate makes real blocks, but not constant.
  const bytes = Uint8Array.from({ length: size }, (_, n) => ((n >> 4) * 31 + index) & 0xff);
  contents.set(name, bytes);
  mkdirSync(join(source, name, '..'), { recursive: true });
  writeFileSync(join(source, name), bytes);
}

/** `actual` holds exactly `expected` (toEqual compares 200 KB element by element, slowly). */
function expectBytes(actual: Uint8Array, expected: Uint8Array | undefined): void {
  expect(expected).toBeDefined();
  expect(actual.length).toBe(expected!.length);
  expect(Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected!)).toBe(true);
}

/** The source folder's files, relative to it, in `listFiles` order: what every archive holds. */
const sourceListing = () => listFiles([source]).map((path) => relative(source, path));

/** Mount, check every member through every reader and the order, unmount, check it is gone. */
async function expectReadInPlace(archive: string, writes: number): Promise<void> {
  const mounted = await mountArchive(archive);
  try {
    expect(mounted.fault).toBeUndefined();
    const listed = mounted.files.map((path) => {
      expect(path.startsWith(`${archive}!`)).toBe(true);
      return path.slice(archive.length + 1);
    });
    expect(listed).toEqual(sourceListing());
    expect(listed).not.toContain('.hidden.dcm');
    expect(readdirSync(scratch).length).toBe(writes);
    const reused = new ReusedReadBuffer();
    for (const path of mounted.files) {
      const expected = contents.get(path.slice(archive.length + 1))!;
      expectBytes(readWholeFile(path), expected);
      expectBytes(reused.read(path), expected);
      // A prefix, then the rest, as a header read takes them.
      const prefix = readFilePrefix(path, 600);
      expect(prefix.size).toBe(expected.length);
      expectBytes(prefix.bytes, expected.subarray(0, 600));
      expectBytes(readFileRest(path, prefix), expected);
    }
  } finally {
    mounted.unmount();
  }
  expect(readdirSync(scratch)).toEqual([]);
  expect(() => readWholeFile(mounted.files[0]!)).toThrow(InputFileError);
}

describe.skipIf(missing(tool('tar')))('tar archives read in place', () => {
  for (const [label, args, writes] of [
    ['GNU format', ['--format=gnu', '-cf'], 0],
    ['pax format', ['--format=pax', '-cf'], 0],
    ['gzip-compressed', ['--format=gnu', '-czf'], 1],
  ] as const) {
    it(`${label}: every member byte for byte, in listing order, ${writes} file(s) written`, async () => {
      const archive = join(root, `${label.replace(/\W/g, '')}.tar${args[1] === '-czf' ? '.gz' : ''}`);
      const made = spawnSync('tar', [...args, archive, '-C', source, '.'], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      await expectReadInPlace(archive, writes);
    });
  }

  it('a tar cut short mounts the members before the cut and says why it stopped', async () => {
    const archive = join(root, 'cut.tar');
    spawnSync('tar', ['--format=gnu', '-cf', archive, '-C', source, '.']);
    truncateSync(archive, 70_000);
    const mounted = await mountArchive(archive);
    try {
      expect(mounted.fault).toBeInstanceOf(ArchiveError);
      expect(String(mounted.fault)).toMatch(/cut\.tar: member .* is cut short/);
      expect(mounted.files.length).toBeGreaterThan(0);
      expect(mounted.files.length).toBeLessThan(contents.size - 1);
      for (const path of mounted.files)
        expectBytes(readWholeFile(path), contents.get(path.slice(archive.length + 1)));
    } finally {
      mounted.unmount();
    }
  });

  it('a .tar.gz cut short: the gzip fault, and the members decompressed before it', async () => {
    const archive = join(root, 'whole.tar.gz');
    spawnSync('tar', ['--format=gnu', '-czf', archive, '-C', source, '.']);
    const cut = join(root, 'cut-short.tar.gz');
    const whole = readFileSync(archive);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const mounted = await mountArchive(cut);
    try {
      expect(String(mounted.fault)).toMatch(/cut-short\.tar\.gz: cannot read it as tar/);
      for (const path of mounted.files)
        expectBytes(readWholeFile(path), contents.get(path.slice(cut.length + 1)));
    } finally {
      mounted.unmount();
    }
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('a tar cut short after it was mounted: the member read says so, for its start too', async () => {
    const archive = join(root, 'changed.tar');
    spawnSync('tar', ['--format=gnu', '-cf', archive, '-C', source, '.']);
    const mounted = await mountArchive(archive);
    try {
      const largest = mounted.files.find((path) => path.endsWith('!a/x.dcm'))!;
      expect(readFilePrefix(largest, 600).bytes.length).toBe(600);
      // Cut inside the 70,000-byte member, wherever tar put it.
      const bytes = readFileSync(archive);
      const at = bytes.indexOf(Buffer.from(contents.get('a/x.dcm')!.subarray(0, 4096)));
      truncateSync(archive, at + 1000);
      expect(() => readFilePrefix(largest, 64 * 1024)).toThrow(
        /changed\.tar: member '.*a\/x\.dcm' is cut short/,
      );
      expect(() => readWholeFile(largest)).toThrow(/is cut short/);
    } finally {
      mounted.unmount();
    }
  });

  it('not a tar: a fault at byte 0 and no members', async () => {
    const notTar = join(root, 'not.tar');
    writeFileSync(notTar, Buffer.alloc(2048, 'not a tar archive, just text. '));
    const mounted = await mountArchive(notTar);
    expect(mounted.files).toEqual([]);
    expect(String(mounted.fault)).toMatch(/not\.tar: the header at byte 0 is not a tar header/);
    mounted.unmount();
  });

  // Extraction refused such a member, since writing it would escape the folder; read in place
  // it is only a name, and the index lists it too.
  it('a member named outside the archive is listed under its name, and read', async () => {
    const archive = join(root, 'escape.tar');
    const made = spawnSync(referencePython, [
      '-c',
      'import io, sys, tarfile\nwith tarfile.open(sys.argv[1], "w") as t:\n    for n in ("ok.dcm", "../evil.dcm"):\n        i = tarfile.TarInfo(n); i.size = 1\n        t.addfile(i, io.BytesIO(b"x"))',
      archive,
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    const mounted = await mountArchive(archive);
    expect(mounted.files).toEqual([`${archive}!../evil.dcm`, `${archive}!ok.dcm`]);
    expect(mounted.fault).toBeUndefined();
    expect(readWholeFile(`${archive}!../evil.dcm`)).toEqual(new Uint8Array([0x78]));
    expect(inputFileName(`${archive}!../evil.dcm`)).toBe('evil.dcm');
    mounted.unmount();
  });

  it('a .tar.gz whose copy cannot be written is an ExtractionWriteError (output-file)', async () => {
    const archive = join(root, 'no-room.tar.gz');
    spawnSync('tar', ['--format=gnu', '-czf', archive, '-C', source, '.']);
    process.env.TMPDIR = join(root, 'no-such-folder');
    const failure = await mountArchive(archive).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ExtractionWriteError);
    expect((failure as ExtractionWriteError).code).toBe('output-file');
    expect(String(failure)).toMatch(
      /no-room\.tar\.gz: cannot write its decompressed copy to .*no-such-folder: ENOENT/,
    );
  });
});

describe('zip archives read in place', () => {
  const fromContents = (level: 0 | 6) =>
    zipSync(Object.fromEntries([...contents].map(([name, bytes]) => [name, [bytes, { level }]])));

  for (const [label, level] of [
    ['deflated', 6],
    ['stored', 0],
  ] as const) {
    it(`${label}: every member byte for byte, in listing order, nothing written`, async () => {
      const archive = join(root, `${label}.zip`);
      writeFileSync(archive, fromContents(level));
      await expectReadInPlace(archive, 0);
    });
  }

  it.skipIf(missing(tool(referencePython)))(
    'Zip64 records, and local extra fields longer than the one-read guess',
    async () => {
      const script = `
import sys, zipfile, os
archive, folder, mode = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "zip64":
    zipfile.ZIP_FILECOUNT_LIMIT = 1
    zipfile.ZIP64_LIMIT = 100
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk(folder):
        if base != folder:
            z.write(base, os.path.relpath(base, folder))  # a folder entry, which is skipped
        for name in files:
            path = os.path.join(base, name)
            info = zipfile.ZipInfo(os.path.relpath(path, folder))
            info.compress_type = zipfile.ZIP_STORED if name.endswith("3.dcm") else zipfile.ZIP_DEFLATED
            if mode == "extra":
                info.extra = (0xCAFE).to_bytes(2, "little") + (296).to_bytes(2, "little") + bytes(296)
            with open(path, "rb") as f:
                z.writestr(info, f.read())
`;
      for (const mode of ['zip64', 'extra']) {
        const archive = join(root, `${mode}.zip`);
        const made = spawnSync(referencePython, ['-c', script, archive, source, mode], { encoding: 'utf8' });
        expect(made.status, made.stderr).toBe(0);
        await expectReadInPlace(archive, 0);
      }
    },
  );

  it('the central directory read through a window smaller than an entry gives the same entries', () => {
    const archive = join(root, 'windowed.zip');
    writeFileSync(archive, fromContents(6));
    const fd = openSync(archive, 'r');
    try {
      const size = fstatSync(fd).size;
      const whole = [...zipEntries(fd, size, archive)];
      expect(whole.map((entry) => entry.name).sort()).toEqual([...contents.keys()].sort());
      // 40 bytes: every entry's fixed part (46) and its long names take reads past the window.
      expect([...zipEntries(fd, size, archive, 40)]).toEqual(whole);
      expect([...zipEntries(fd, size, archive, 300)]).toEqual(whole);
    } finally {
      closeSync(fd);
    }
  });

  it('the start of a deflated member, from data that deflate made larger than itself', () => {
    // One block of fixed Huffman codes (RFC 1951 §3.2.6), which spend 9 bits on a byte of 144 or
    // more: 1.125 compressed bytes per byte, so the first read of the data (what is wanted and
    // 4 KiB) decodes to too little, and more is read. zlib itself would store such data instead.
    let state = 12345;
    const raw = Uint8Array.from({ length: 300_000 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return 144 + ((state >>> 16) % 112);
    });
    const bits: number[] = [1, 1, 0]; // BFINAL, then BTYPE 01 (fixed), least significant bit first
    for (const byte of raw) {
      const code = 0b110010000 + (byte - 144); // 9 bits, most significant first
      for (let bit = 8; bit >= 0; bit--) bits.push((code >> bit) & 1);
    }
    bits.push(0, 0, 0, 0, 0, 0, 0); // end of block: code 256, seven zero bits
    const deflated = new Uint8Array(Math.ceil(bits.length / 8));
    bits.forEach((bit, index) => {
      deflated[index >> 3]! |= bit << (index & 7);
    });
    expect(deflated.length).toBeGreaterThan(raw.length);
    const file = join(root, 'fixed.deflate');
    writeFileSync(file, Buffer.concat([Buffer.alloc(100), deflated]));
    const fd = openSync(file, 'r');
    try {
      const entry = {
        name: 'x',
        method: 8,
        flags: 0,
        crc: 0,
        compressedSize: deflated.length,
        size: raw.length,
        localHeaderOffset: 0,
      };
      for (const length of [1, 600, 65_536, 299_999, 300_000])
        expectBytes(memberStart(fd, entry, 100, length, file), raw.subarray(0, length));
      // Data that ends before the directory says: cut short, not a shorter start.
      const cut = { ...entry, compressedSize: deflated.length + 10 };
      expect(() => memberStart(fd, cut, 100, 299_999, file)).toThrow(
        /fixed\.deflate: member 'x' is cut short/,
      );
    } finally {
      closeSync(fd);
    }
  });

  it("damaged deflated data is the member's ArchiveError, for its start and for all of it", async () => {
    const archive = join(root, 'bad-deflate.zip');
    const data = Uint8Array.from({ length: 200_000 }, (_, n) => (n * 13) & 0xff);
    const bytes = zipSync({ 'one.dcm': [data, { level: 6 }] });
    // The deflate data starts after the 30-byte local header and the name: a bad block type there.
    bytes[30 + 'one.dcm'.length] = 0xff;
    writeFileSync(archive, bytes);
    const mounted = await mountArchive(archive);
    try {
      const path = `${archive}!one.dcm`;
      expect(() => readFilePrefix(path, 600)).toThrow(/bad-deflate\.zip: member 'one\.dcm' cannot be read/);
      expect(() => readWholeFile(path)).toThrow(/bad-deflate\.zip: member 'one\.dcm' cannot be read/);
    } finally {
      mounted.unmount();
    }
  });

  it('a member whose bytes do not match its CRC-32 is an ArchiveError when read, naming it', async () => {
    const archive = join(root, 'bad-crc.zip');
    const bytes = zipSync({
      'one.dcm': [contents.get('top/IM3.dcm')!, { level: 0 }],
      'two.dcm': [new Uint8Array(9), { level: 0 }],
    });
    // The stored data of the first member starts after its 30-byte local header and its name.
    bytes[30 + 'one.dcm'.length + 100]! ^= 0xff;
    writeFileSync(archive, bytes);
    const mounted = await mountArchive(archive);
    try {
      expect(mounted.fault).toBeUndefined();
      expect(() => readWholeFile(`${archive}!one.dcm`)).toThrow(
        /bad-crc\.zip: member 'one\.dcm' does not match its recorded size and CRC-32/,
      );
      expect(readWholeFile(`${archive}!two.dcm`)).toEqual(new Uint8Array(9));
    } finally {
      mounted.unmount();
    }
  });

  it('not a zip is an ArchiveError; a member named outside it is listed', async () => {
    const notZip = join(root, 'not.zip');
    writeFileSync(notZip, 'plain text');
    const mounted = await mountArchive(notZip);
    expect(mounted.files).toEqual([]);
    expect(String(mounted.fault)).toMatch(/not\.zip: no end of central directory record/);
    mounted.unmount();
    const escapingZip = join(root, 'escape.zip');
    writeFileSync(
      escapingZip,
      zipSync({
        'ok.dcm': new Uint8Array(3),
        '../evil.dcm': new Uint8Array(3),
        'a/../../up.dcm': new Uint8Array(2),
      }),
    );
    const escaping = await mountArchive(escapingZip);
    expect(escaping.files).toEqual([
      `${escapingZip}!../evil.dcm`,
      `${escapingZip}!../up.dcm`,
      `${escapingZip}!ok.dcm`,
    ]);
    expect(escaping.fault).toBeUndefined();
    expect(readWholeFile(`${escapingZip}!../up.dcm`)).toHaveLength(2);
    escaping.unmount();
  });

  it('a member is copied out and read in pieces as a file is', async () => {
    const archive = join(root, 'copied.zip');
    writeFileSync(archive, fromContents(6));
    const mounted = await mountArchive(archive);
    try {
      const path = `${archive}!B/y.dcm`;
      const target = join(root, 'copied-y.dcm');
      copyInputFile(path, target);
      expectBytes(new Uint8Array(readFileSync(target)), contents.get('B/y.dcm'));
      const pieces: Uint8Array[] = [];
      forEachPiece(path, 4096, (piece) => pieces.push(piece.slice()));
      expectBytes(Buffer.concat(pieces), contents.get('B/y.dcm'));
    } finally {
      mounted.unmount();
    }
    // A file on disk comes in pieces of the size asked for.
    const sizes: number[] = [];
    forEachPiece(join(source, 'B/y.dcm'), 65_536, (piece) => sizes.push(piece.length));
    expect(sizes).toEqual([65_536, 65_536, 65_536, 200_000 - 3 * 65_536]);
  });

  it('two mounts of one archive: each unmount takes away only its own, in either order', async () => {
    const archive = join(root, 'twice.zip');
    writeFileSync(archive, fromContents(6));
    const path = `${archive}!top/IM3.dcm`;
    for (const laterFirst of [false, true]) {
      const earlier = await mountArchive(archive);
      const later = await mountArchive(archive);
      (laterFirst ? later : earlier).unmount();
      expectBytes(readWholeFile(path), contents.get('top/IM3.dcm'));
      (laterFirst ? earlier : later).unmount();
      expect(() => readWholeFile(path)).toThrow(InputFileError);
    }
  });
});
