/**
 * Archives among a conversion's inputs (convert/archive-inputs.ts): mounted for the call, their
 * members listed and read in place as `<archive>!<member>`, with progress, and unmounted on
 * release.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { inputFiles } from '../../src/convert/archive-inputs.js';
import { convertDicom } from '../../src/convert/index.js';
import { InputFileError, readWholeFile } from '../../src/sources/index.js';
import { corpus, missing, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-inputs-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2');

describe.skipIf(missing(mosaic, tool('tar')))('archives among the inputs', () => {
  const folder = join(scratch, 'input');
  const archive = join(folder, 'ep2d.tar.gz');
  mkdirSync(folder, { recursive: true });

  it('lists the members in place of the archive as <archive>!<member>, read there, gone on release', async () => {
    const made = spawnSync('tar', ['-czf', archive, '-C', mosaic.path, '.'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const members = readdirSync(mosaic.path).sort();
    const listed = await inputFiles([folder]);
    expect(listed.files).toEqual(members.map((name) => `${archive}!${name}`));
    for (const [index, file] of listed.files.entries())
      expect(Buffer.from(readWholeFile(file)).equals(readFileSync(join(mosaic.path, members[index]!)))).toBe(
        true,
      );
    listed.release();
    expect(() => readWholeFile(listed.files[0]!)).toThrow(InputFileError);
  });

  it('convertDicom reports reading the archive, then headers, as progress; outputs name members', async () => {
    const calls: [number, number, string | undefined][] = [];
    const result = await convertDicom([archive], join(scratch, 'out'), {
      software: { name: 'radkit', version: 'test' },
      pattern: '%f_%s',
      progress: (done, total, what) => calls.push([done, total, what]),
    });
    const reading = calls.filter(([, , what]) => what === 'reading ep2d.tar.gz (MiB)');
    expect(reading.length).toBeGreaterThan(0);
    const [done, total] = reading[reading.length - 1]!;
    expect(done).toBe(total);
    const headers = calls.filter(([, , what]) => what === undefined);
    const files = readdirSync(mosaic.path).length;
    expect(headers[headers.length - 1]).toEqual([files, files, undefined]);
    expect(calls.indexOf(reading[0]!)).toBeLessThan(calls.indexOf(headers[0]!));
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0]!.path).toMatch(/\/ep2d_\d+\.nii\.gz$/);
    expect(result.outputs[0]!.files[0]).toMatch(new RegExp(`^${archive}!IM-0001-\\d+\\.dcm#tile0$`));
  });

  it('a member that does not match its CRC-32 is an unreadable file; the others are converted', async () => {
    const members = readdirSync(mosaic.path).sort();
    const damaged = members[1]!;
    const zip = join(scratch, 'bad-crc.zip');
    const bytes = zipSync(
      Object.fromEntries(
        members.map((name) => [name, [new Uint8Array(readFileSync(join(mosaic.path, name))), { level: 0 }]]),
      ),
    );
    // Stored members: the second one's data is in the archive as it is; change a byte of it.
    const at = Buffer.from(bytes).indexOf(Buffer.from(damaged)) + damaged.length + 1000;
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(zip, bytes);
    const result = await convertDicom([zip], join(scratch, 'out-crc'), {
      software: { name: 'radkit', version: 'test' },
    });
    const unreadable = result.issues.filter((issue) => issue.code === 'unreadable-file');
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.where?.file).toBe(`${zip}!${damaged}`);
    expect(unreadable[0]!.message).toMatch(/does not match its recorded size and CRC-32/);
    expect(result.dicomFiles).toBe(members.length - 1);
    expect(result.outputs).toHaveLength(1);
  });

  it('names a member left out for bad pixels by the archive, in its Issues and the explanation', async () => {
    const members = readdirSync(mosaic.path).sort();
    const cut = members[2]!;
    const zip = join(scratch, 'one-cut.zip');
    writeFileSync(
      zip,
      zipSync(
        Object.fromEntries(
          members.map((name) => {
            const bytes = new Uint8Array(readFileSync(join(mosaic.path, name)));
            return [name, name === cut ? bytes.subarray(0, bytes.length - 5000) : bytes];
          }),
        ),
      ),
    );
    const result = await convertDicom([zip], join(scratch, 'out-cut'), {
      software: { name: 'radkit', version: 'test' },
    });
    const said = JSON.stringify(result);
    expect(said).not.toContain('radkit-archive-');
    const leftOut = result.outputs
      .flatMap((output) => output.issues)
      .filter((issue) => issue.message.includes('left out'));
    expect(leftOut.length).toBeGreaterThan(0);
    expect(leftOut[0]!.message).toContain(`${zip}!${cut} was left out`);
    expect(result.outputs[0]!.explanation.some((line) => line.includes(`left out ${zip}!${cut}`))).toBe(true);
  });

  it('lists an archive of 150,000 members (past what spreading into push takes)', async () => {
    // ustar headers of empty files, written directly: 150,000 × 512 bytes.
    const count = 150_000;
    const tar = new Uint8Array((count + 2) * 512);
    const ascii = (text: string, at: number) => {
      for (let index = 0; index < text.length; index++) tar[at + index] = text.charCodeAt(index);
    };
    for (let member = 0; member < count; member++) {
      const at = member * 512;
      ascii(`m/${String(member).padStart(6, '0')}.dcm`, at);
      ascii('0000644\0', at + 100);
      ascii('00000000000\0', at + 124);
      ascii('        ', at + 148);
      tar[at + 156] = 0x30;
      ascii('ustar\0' + '00', at + 257);
      let sum = 0;
      for (let index = at; index < at + 512; index++) sum += tar[index]!;
      ascii(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148);
    }
    const archive = join(scratch, 'many.tar');
    writeFileSync(archive, tar);
    const listed = await inputFiles([archive]);
    try {
      expect(listed.files).toHaveLength(count);
      expect(listed.files[count - 1]).toBe(`${archive}!m/149999.dcm`);
    } finally {
      listed.release();
    }
  }, 60_000);

  it('an archive in a folder that cannot be read at all (a broken link) is an Issue; the rest converts', async () => {
    const withBroken = join(scratch, 'with-broken');
    mkdirSync(withBroken, { recursive: true });
    for (const name of ['broken.tar', 'broken.tar.gz', 'broken.zip'])
      symlinkSync(join(scratch, 'no-such-archive'), join(withBroken, name));
    const member = readdirSync(mosaic.path).sort()[0]!;
    writeFileSync(join(withBroken, member), readFileSync(join(mosaic.path, member)));
    const result = await convertDicom([withBroken], join(scratch, 'out-broken'), {
      software: { name: 'radkit', version: 'test' },
    });
    const unreadable = result.issues.filter((issue) => issue.code === 'unreadable-file');
    expect(unreadable.map((issue) => issue.where?.file).sort()).toEqual(
      ['broken.tar', 'broken.tar.gz', 'broken.zip'].map((name) => join(withBroken, name)),
    );
    for (const issue of unreadable) expect(issue.message).toMatch(/cannot read it as (tar|zip).*ENOENT/);
    expect(result.dicomFiles).toBe(1);
  });
});
