/**
 * `radkit dump`: text, DICOM JSON, pixels as .npy, --help and the documented exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetToJsonModel } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { compareDatasets } from '../support/compare-json.js';
import { pydicomJson } from '../support/pydicom-reference.js';
import { corpus, missing, pydicom, referencePython } from '../support/requirements.js';
import { runInProcess, runInstalled } from './run-cli.js';

const testFiles = 'pydicom/pydicom/src/pydicom/data/test_files';
const ctSmall = corpus(`${testFiles}/CT_small.dcm`);
const scratch = mkdtempSync(join(tmpdir(), 'radkit-dump-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('radkit dump (in process)', () => {
  it('prints --help with the options and exits 0', async () => {
    const result = await runInProcess(['dump', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--pixels-npy <out.npy>');
    expect(result.stdout).toContain('--json');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runInProcess(['dump', '--no-such-option', 'x.dcm']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option');
  });

  it('exits 3 when the file cannot be read, naming it', async () => {
    const result = await runInProcess(['dump', join(scratch, 'absent.dcm')]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('absent.dcm');
    expect(result.stderr).toContain('ENOENT');
  });

  it.skipIf(missing(ctSmall))(
    'prints the header as text: tag, VR, value, length, VM, keyword, sequences indented',
    async () => {
      const result = await runInProcess(['dump', ctSmall.path]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/\(0010,0010\) PN \[CompressedSamples\^CT1\] +# +\d+, 1 PatientName/);
      expect(result.stdout).toContain('# Transfer Syntax: Explicit VR Little Endian (1.2.840.10008.1.2.1)');
      expect(result.stdout).toMatch(/\(0002,0010\) UI =Explicit VR Little Endian/);
      expect(result.stdout).toMatch(/\n {2}\(FFFE,E000\) item 1\n {4}\(0010,0020\) LO \[ABCD1234\]/);
    },
  );

  it.skipIf(missing(corpus('dcm_qa/dcm_qa_ts/LICENSE')))('exits 4 for a file that is not DICOM', async () => {
    const result = await runInProcess(['dump', corpus('dcm_qa/dcm_qa_ts/LICENSE').path]);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain("no 'DICM' prefix at byte 128");
  });

  it.skipIf(missing(ctSmall))('prints --json as the DICOM JSON model of the dataset', async () => {
    const result = await runInProcess(['dump', ctSmall.path, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(datasetToJsonModel(readDicomFile(ctSmall.path).dataset));
  });

  it.skipIf(missing(corpus(`${testFiles}/MR_truncated.dcm`)))(
    'prints reading issues on stderr and still exits 0; --strict exits 4',
    async () => {
      const path = corpus(`${testFiles}/MR_truncated.dcm`).path;
      const lenient = await runInProcess(['dump', path]);
      expect(lenient.status).toBe(0);
      expect(lenient.stderr).toMatch(/error \[truncated\] .*byte 1488, \(7FE0,0010\) PixelData/);
      const strict = await runInProcess(['dump', path, '--strict']);
      expect(strict.status).toBe(4);
    },
  );
});

const jsonFiles = [
  `${testFiles}/CT_small.dcm`,
  `${testFiles}/MR_small_bigendian.dcm`,
  `${testFiles}/rtplan.dcm`,
  'pydicom/pydicom/src/pydicom/data/charset_files/chrH31.dcm',
  'dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2/IM-0001-0001.dcm',
];

describe.skipIf(missing(corpus(), pydicom()))('the installed radkit dump --json equals pydicom', () => {
  it.each(jsonFiles)('%s', (file) => {
    const path = corpus(file).path;
    const result = runInstalled(['dump', path, '--json', '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const reference = pydicomJson([path]).get(path)!;
    const ours = JSON.parse(result.stdout) as Record<string, unknown>;
    // Binary values are compared by digest in test/dicom/pydicom-json.test.ts; here, the rest.
    const differences = compareDatasets(ours, reference.elements!, { compareBinary: false });
    expect(differences).toEqual([]);
    expect(Object.keys(ours).length).toBe(Object.keys(reference.elements!).length);
  });
});

describe.skipIf(missing(corpus(), pydicom()))('radkit dump --pixels-npy', () => {
  it.each([
    `${testFiles}/CT_small.dcm`,
    `${testFiles}/MR_small_RLE.dcm`,
    `${testFiles}/SC_rgb_small_odd.dcm`,
  ])('%s gives numpy pydicom’s pixel_array with frames first', (file) => {
    const path = corpus(file).path;
    const out = join(scratch, 'pixels.npy');
    const result = runInstalled(['dump', path, '--pixels-npy', out, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const check = spawnSync(
      referencePython,
      [
        '-c',
        [
          'import sys, numpy, pydicom',
          'ds = pydicom.dcmread(sys.argv[1]); expected = ds.pixel_array',
          'frames = int(getattr(ds, "NumberOfFrames", 1) or 1)',
          'expected = expected.reshape((frames,) + expected.shape[-3:] if ds.SamplesPerPixel > 1 else (frames,) + expected.shape[-2:])',
          'got = numpy.load(sys.argv[2])',
          'assert got.dtype == expected.dtype, (got.dtype, expected.dtype)',
          'assert got.shape == expected.shape, (got.shape, expected.shape)',
          'assert (got == expected).all(), "values differ"',
          'print(got.shape, got.dtype)',
        ].join('\n'),
        path,
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(check.status, check.stderr).toBe(0);
  });
});
