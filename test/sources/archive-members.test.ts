/**
 * Archive members handed out one at a time (`archiveMembers`, as the index reads them): tar (GNU
 * long names, pax paths) plain and gzip-compressed, made by GNU tar; zip made by Python's
 * zipfile, deflated and stored, with Zip64 records and extra fields forced on a small archive,
 * and with long extra fields before every member's data. Every file comes out byte for byte;
 * damaged archives and a wrong CRC-32 are ArchiveErrors that name the archive. Reading members
 * in place is test/sources/archive-in-place.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ArchiveError,
  type ArchiveKind,
  archiveMembers,
  archiveStem,
  memberFolderName,
} from '../../src/sources/index.js';
import { missing, referencePython, tool } from '../support/requirements.js';

const root = mkdtempSync(join(tmpdir(), 'radkit-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A long folder name (over tar's 100-byte name field) and files of sizes around the 512-byte blocks.
const longFolder = `series-${'x'.repeat(120)}`;
const source = join(root, 'source');
const contents = new Map<string, Uint8Array>();
for (const [index, size] of [0, 1, 511, 512, 513, 70_000].entries()) {
  const name = index % 2 === 0 ? `${longFolder}/IM${index}.dcm` : `top/IM${index}.dcm`;
  const bytes = Uint8Array.from({ length: size }, (_, n) => (n * 31 + index) & 0xff);
  contents.set(name, bytes);
  mkdirSync(join(source, name, '..'), { recursive: true });
  writeFileSync(join(source, name), bytes);
}

/** Every file member of the archive, streamed, is a file of the source, byte for byte. */
async function expectStreamed(archive: string, kind: ArchiveKind): Promise<void> {
  const streamed = new Map<string, Uint8Array>();
  for await (const member of archiveMembers(archive, kind))
    streamed.set(member.name.replace(/^\.\//, ''), new Uint8Array(member.read()));
  expect([...streamed.keys()].sort()).toEqual([...contents.keys()].sort());
  for (const [name, bytes] of contents) expect(streamed.get(name)).toEqual(bytes);
}

/** Read every member of the archive, as the index does. */
async function drain(archive: string, kind: ArchiveKind): Promise<void> {
  for await (const member of archiveMembers(archive, kind)) member.read();
}

const zipScript = `
import sys, zipfile, os
archive, folder, mode = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "zip64":
    # Force the Zip64 end records and extra fields on a small archive.
    zipfile.ZIP_FILECOUNT_LIMIT = 1
    zipfile.ZIP64_LIMIT = 100
method = zipfile.ZIP_STORED if mode == "stored" else zipfile.ZIP_DEFLATED
with zipfile.ZipFile(archive, "w", method) as z:
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        if base != folder:
            z.write(base, os.path.relpath(base, folder))  # folder entries, which are skipped
        for name in sorted(files):
            path = os.path.join(base, name)
            if mode == "extra":
                # A 300-byte extra field before each member's data: more than a reader that reads
                # the local header and the data at once guesses, so it must read on.
                info = zipfile.ZipInfo(os.path.relpath(path, folder))
                info.compress_type = method
                info.extra = (0xCAFE).to_bytes(2, "little") + (296).to_bytes(2, "little") + bytes(296)
                with open(path, "rb") as f:
                    z.writestr(info, f.read())
            else:
                z.write(path, os.path.relpath(path, folder))
`;

function makeZip(name: string, mode: 'deflated' | 'stored' | 'zip64' | 'extra'): string {
  const archive = join(root, name);
  const made = spawnSync(referencePython, ['-c', zipScript, archive, source, mode], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  return archive;
}

describe.skipIf(missing(tool('tar')))('tar archives, streamed', () => {
  for (const [label, args] of [
    ['GNU format', ['--format=gnu', '-cf']],
    ['pax format', ['--format=pax', '-cf']],
    ['gzip-compressed', ['--format=gnu', '-czf']],
  ] as const) {
    it(`${label}: every file, byte for byte, with its long name`, async () => {
      const archive = join(root, `${label.replace(/\W/g, '')}.tar${args[1] === '-czf' ? '.gz' : ''}`);
      const made = spawnSync('tar', [...args, archive, '-C', source, '.'], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      await expectStreamed(archive, 'tar');
    });
  }

  it('a tar cut short is an ArchiveError naming it', async () => {
    const archive = join(root, 'cut.tar');
    spawnSync('tar', ['--format=gnu', '-cf', archive, '-C', source, '.']);
    truncateSync(archive, 70_000);
    await expect(drain(archive, 'tar')).rejects.toThrow(ArchiveError);
    await expect(drain(archive, 'tar')).rejects.toThrow(/cut\.tar: member .* is cut short/);
  });

  it('a file that is not a tar, or a damaged header, is an ArchiveError saying where', async () => {
    const notTar = join(root, 'not.tar');
    writeFileSync(notTar, Buffer.alloc(2048, 'not a tar archive, just text. '));
    await expect(drain(notTar, 'tar')).rejects.toThrow(/not\.tar: the header at byte 0 is not a tar header/);
    const damaged = join(root, 'damaged.tar');
    spawnSync('tar', ['--format=gnu', '-cf', damaged, '-C', source, '.']);
    const bytes = new Uint8Array(readFileSync(damaged));
    bytes[1] = bytes[1]! ^ 0x01; // the first header's name
    writeFileSync(damaged, bytes);
    await expect(drain(damaged, 'tar')).rejects.toThrow(
      /damaged\.tar: the header at byte 0 is not a tar header/,
    );
  });

  it('streamed (plain and gzip-compressed), every member comes with its bytes; a damaged header is refused the same way', async () => {
    for (const [name, flag] of [
      ['streamed.tar', '-cf'],
      ['streamed.tar.gz', '-czf'],
    ] as const) {
      const archive = join(root, name);
      spawnSync('tar', ['--format=gnu', flag, archive, '-C', source, '.']);
      const streamed = new Map<string, Uint8Array>();
      for await (const member of archiveMembers(archive, 'tar'))
        streamed.set(member.name.replace(/^\.\//, ''), new Uint8Array(member.read()));
      expect([...streamed.keys()].sort()).toEqual([...contents.keys()].sort());
      for (const [member, bytes] of contents) expect(streamed.get(member)).toEqual(bytes);
    }
    const damaged = join(root, 'damaged-streamed.tar');
    spawnSync('tar', ['--format=gnu', '-cf', damaged, '-C', source, '.']);
    const bytes = new Uint8Array(readFileSync(damaged));
    bytes[1] = bytes[1]! ^ 0x01;
    writeFileSync(damaged, bytes);
    await expect(async () => {
      for await (const _ of archiveMembers(damaged, 'tar'));
    }).rejects.toThrow(/damaged-streamed\.tar: the header at byte 0 is not a tar header/);
  });

  it('a .tar.gz cut short gives the members before the cut, then an ArchiveError', async () => {
    const archive = join(root, 'cut.tar.gz');
    spawnSync('tar', ['--format=gnu', '-czf', archive, '-C', source, '.']);
    const whole = readFileSync(archive);
    const cut = join(root, 'cut-short.tar.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const order: string[] = [];
    for await (const member of archiveMembers(archive, 'tar')) order.push(member.name);
    const names: string[] = [];
    await expect(async () => {
      for await (const member of archiveMembers(cut, 'tar')) names.push(member.name);
    }).rejects.toThrow(/cut-short\.tar\.gz: cannot read it as tar/);
    expect(names.length).toBeLessThan(contents.size);
    expect(names).toEqual(order.slice(0, names.length));
  });
});

describe.skipIf(missing(tool(referencePython)))('zip archives, streamed', () => {
  for (const mode of ['deflated', 'stored', 'zip64', 'extra'] as const) {
    it(`${mode}: every file, byte for byte`, async () => {
      const archive = makeZip(`${mode}.zip`, mode);
      await expectStreamed(archive, 'zip');
    });
  }

  it('a member whose bytes do not match its CRC-32 is an ArchiveError', async () => {
    const archive = makeZip('crc.zip', 'stored');
    const bytes = new Uint8Array(readFileSync(archive));
    // The 70,000-byte member is stored as it is: change one of its bytes.
    const member = contents.get('top/IM5.dcm')!;
    // Written last (folders in sorted order): its bytes are the last match.
    const at = Buffer.from(bytes).lastIndexOf(Buffer.from(member.subarray(1000, 1064)));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(archive, bytes);
    await expect(drain(archive, 'zip')).rejects.toThrow(
      /crc\.zip: member 'top\/IM5\.dcm' does not match its recorded size and CRC-32/,
    );
  });

  it('a file that is not a zip is an ArchiveError', async () => {
    const archive = join(root, 'not.zip');
    writeFileSync(archive, 'not a zip at all');
    await expect(drain(archive, 'zip')).rejects.toThrow(/not\.zip: no end of central directory record/);
  });
});

describe('the folder a member lies in (%f)', () => {
  it('is the last folder of its name, or the archive’s stem at its root', () => {
    expect(archiveStem('/in/CT scan.TAR.GZ')).toBe('CT scan');
    expect(archiveStem('/in/a.b.zip')).toBe('a.b');
    const folders = ['a.dcm', './a.dcm', '/a.dcm', 'sub/a.dcm', './x/sub/a.dcm', 'a/b/../c.dcm'].map((name) =>
      memberFolderName('/in/ct.tgz', name),
    );
    expect(folders).toEqual(['ct', 'ct', 'ct', 'sub', 'sub', 'a']);
    // A name that climbs out of the archive gets no folder of its own outside it.
    expect(memberFolderName('/in/ct.zip', '../a.dcm')).toBe('ct');
    expect(memberFolderName('/in/ct.zip', 'x/../a.dcm')).toBe('ct');
  });
});
