/**
 * Step 2 acceptance #3: every incomplete, tilted or inconsistent series in the corpus yields
 * Issues that name the series and say what is wrong, and `radkit convert` exits 1 ("converted
 * some but not all", docs/exit-codes.md) when one is an error.
 *
 * The whole corpus is converted once; every warning and error must be one listed here (so a new
 * false alarm fails as surely as a missed problem), and every row must be found.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversionResult, convertDicom } from '../../src/convert/index.js';
import { readNifti } from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import type { Issue } from '../../src/issue.js';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-issues-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Expected {
  readonly code: string;
  readonly severity: Issue['severity'];
  /** The folder (corpus-relative) of the output's first file, or the failed file. */
  readonly folder: string;
  /** How many outputs (or failures) carry it. */
  readonly count: number;
  /** Text the (first) message must contain. */
  readonly says: string;
  readonly why: string;
}

const pydicomTests = 'pydicom/pydicom/src/pydicom/data/test_files';
const expected: readonly Expected[] = [
  {
    code: 'missing-slice',
    severity: 'error',
    folder: 'dicom2nifti/tests/data/failing/sliceincrement/002',
    count: 1,
    says: '1 slice(s) missing between positions -133.75 and -132.25 mm (spacing 0.750 mm elsewhere)',
    why: 'the 15.5° tilted CT lacks one slice (instance 4)',
  },
  {
    code: 'gantry-tilt',
    severity: 'warning',
    folder: 'dicom2nifti/tests/data/failing/sliceincrement/002',
    count: 1,
    says: '15.50° off their normal',
    why: 'the same CT, acquired with a tilted gantry',
  },
  {
    code: 'nifti-qform-shear',
    severity: 'warning',
    folder: 'dicom2nifti/tests/data/failing/sliceincrement/002',
    count: 1,
    says: 'off by up to 0.105 mm per voxel step',
    why: "the tilt's shear cannot be a qform",
  },
  {
    code: 'missing-slice',
    severity: 'error',
    folder: `${pydicomTests}/dicomdirtests/77654033/CT2`,
    count: 1,
    says: '161 slice(s) missing between positions -99.48 and 103.02 mm',
    why: 'a DICOMDIR test set keeps 4 slices of a 165-slice CT',
  },

  {
    code: 'moved-volumes',
    severity: 'warning',
    folder: 'nibabel/nibabel/nicom/tests/data',
    count: 1,
    says: 'slices lie up to 3.00 mm from the first volume',
    why: "nibabel's 0.dcm and 1.dcm: two mosaics of one series, the second shifted 3 mm",
  },
  {
    code: 'vendor-header',
    severity: 'warning',
    folder: 'nibabel/nibabel/nicom/tests/data',
    count: 2,
    says: 'do not divide into 7 × 7 tiles',
    why: 'the same mosaics, one issue per file: 256 × 256 pixels cannot hold 7 × 7 tiles of 36 (nibabel refuses them)',
  },

  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: 'dcm_qa/dcm_qa_xa30i/In/2001_AAHead_Scout',
    count: 4,
    says: 'more than one orientation',
    why: 'Siemens AAHead scout: planes at several angles in one series',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: 'dcm_qa/dcm_qa_xa30i/In/3001_AAHead_Scout',
    count: 3,
    says: 'orientation=',
    why: 'as 2001',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: 'dcm_qa/dcm_qa_xa30i/In/4001_AAHead_Scout',
    count: 3,
    says: 'orientation=',
    why: 'as 2001',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: 'nibabel/nibabel/nicom/tests/data',
    count: 1,
    says: 'more than one orientation',
    why: 'unrelated test files that share a Series Instance UID',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: `${pydicomTests}/dicomdirtests/98892001/CT2N`,
    count: 2,
    says: 'orientation=',
    why: 'scout and axial CT in one series',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: `${pydicomTests}/dicomdirtests/98892003/MR2`,
    count: 6,
    says: 'orientation=',
    why: 'a three-plane localizer',
  },
  {
    code: 'mixed-orientation',
    severity: 'warning',
    folder: `${pydicomTests}/dicomdirtests/98892003/MR700`,
    count: 7,
    says: 'orientation=',
    why: 'a radial angiography projection set',
  },
  {
    code: 'duplicate-instance',
    severity: 'warning',
    folder: pydicomTests,
    count: 11,
    says: 'repeat an instance already read',
    why: 'pydicom keeps one image in many transfer syntaxes (MR_small_*.dcm, SC_rgb_*.dcm, rtdose*.dcm…), same SOP Instance UID',
  },
  {
    code: 'duplicate-instance',
    severity: 'warning',
    folder: 'pydicom/pydicom-data/data_store/data',
    count: 4,
    says: 'one copy of each was kept',
    why: 'as in test_files (emri_small_*.dcm…)',
  },
  {
    code: 'duplicate-instance',
    severity: 'warning',
    folder: 'pydicom/pydicom/src/pydicom/data/charset_files',
    count: 1,
    says: 'chrFrenMulti.dcm repeats',
    why: 'charset variants of one instance',
  },
  {
    code: 'duplicate-instance',
    severity: 'warning',
    folder: 'dcmjs/test',
    count: 1,
    says: 'repeats',
    why: "dcmjs's test files reuse one instance",
  },
  {
    code: 'duplicate-position',
    severity: 'warning',
    folder: pydicomTests,
    count: 1,
    says: 'same instance and acquisition numbers',
    why: '693_J2KI.dcm and 693_J2KR.dcm: one CT slice, lossy and lossless, different SOP Instance UIDs',
  },
  {
    code: 'missing-geometry',
    severity: 'warning',
    folder: pydicomTests,
    count: 7,
    says: 'stacked by instance number',
    why: 'multi-image secondary captures, ultrasound and the JPEG2000.dcm bone scan without patient geometry',
  },
  {
    code: 'missing-geometry',
    severity: 'warning',
    folder: 'pydicom/pydicom-data/data_store/data',
    count: 4,
    says: 'stacked by instance number',
    why: 'as in test_files',
  },
  {
    code: 'frame-count',
    severity: 'warning',
    folder: pydicomTests,
    count: 2,
    says: 'the functional groups describe 3 frames but Number of Frames is 1',
    why: 'liver_1frame.dcm and liver_expb_1frame.dcm keep three per-frame items for their one frame',
  },
  {
    code: 'file-left-out',
    severity: 'error',
    folder: pydicomTests,
    count: 2,
    says: 'whose other images were kept',
    why: "JPEG2000-embedded-sequence-delimiter.dcm (corrupt codestream) and badVR.dcm (NumberOfFrames '1A') are left out of the series they share with JPEG2000.dcm and rtdose*.dcm",
  },
];

const data = corpus();

describe.skipIf(missing(data))('issues over the whole corpus', () => {
  let result: ConversionResult;
  beforeAll(async () => {
    result = await convertDicom([data.path], join(scratch, 'all'), {
      software: { name: 'radkit', version: 'test' },
    });
  }, 300_000);

  /** Every warning and error, with the folder it belongs to. */
  function found(): { issue: Issue; folder: string }[] {
    const folderOf = (file: string) =>
      relative(data.path, file.replace(/#.*$/, '')).split('/').slice(0, -1).join('/');
    return [
      ...result.outputs.flatMap((output) =>
        output.issues.map((issue) => ({ issue, folder: folderOf(output.files[0]!) })),
      ),
      ...result.issues.map((issue) => ({ issue, folder: folderOf(issue.where?.file ?? '') })),
    ].filter(({ issue }) => issue.severity !== 'info');
  }

  it.each(expected)('$code in $folder ($why)', ({ code, severity, folder, count, says }) => {
    const matches = found().filter(({ issue, folder: at }) => issue.code === code && at === folder);
    expect(matches.length).toBe(count);
    for (const { issue } of matches) {
      expect(issue.severity).toBe(severity);
      // The series, or for files without a Series Instance UID, the first file.
      if (issue.where?.seriesInstanceUID === undefined) expect(issue.where?.file).toMatch(/\.dcm$/);
      else expect(issue.where.seriesInstanceUID).toMatch(/^[\d.]+$/);
    }
    expect(matches.some(({ issue }) => issue.message.includes(says))).toBe(true);
  });

  it('raises no warning or error beyond those listed', () => {
    const listed = new Set(expected.map(({ code, folder }) => `${code} ${folder}`));
    const unlisted = found()
      .map(({ issue, folder }) => `${issue.code} ${folder}: ${issue.message}`)
      .filter((line) => !listed.has(line.slice(0, line.indexOf(':'))));
    expect(unlisted).toEqual([]);
  });
});

const tilted = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');

describe.skipIf(missing(tilted))('radkit convert on the tilted CT with a missing slice', () => {
  it('prints the issues naming the series and exits 1 (converted some but not all)', async () => {
    const result = await runInProcess(['convert', tilted.path, join(scratch, 'cli')]);
    expect(result.status).toBe(1);
    const series = '1.2.826.0.1.3680043.8.498.13264727539707046196095999688458856228';
    expect(result.stdout).toContain(`error [missing-slice] 1 slice(s) missing`);
    expect(result.stdout).toContain(`warning [gantry-tilt] slices are stacked 15.50°`);
    expect(result.stdout).toMatch(
      new RegExp(`002_20190423142956_3\\.nii\\.gz +\\[512x512x4\\] +series ${series}\\n`),
    );
  });

  it('--json: outputs with path, series, files, shape and issues', async () => {
    const result = await runInProcess(['convert', tilted.path, join(scratch, 'json'), '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as {
      outputs: {
        path: string;
        seriesInstanceUID: string;
        files: string[];
        shape: number[];
        issues: Issue[];
      }[];
      issues: Issue[];
    };
    expect(json.outputs.length).toBe(1);
    const [output] = json.outputs;
    expect(output!.shape).toEqual([512, 512, 4]);
    expect(output!.files.map((file) => file.slice(-15))).toEqual(
      ['IM-0001-0001.dcm', 'IM-0001-0002.dcm', 'IM-0001-0003.dcm', 'IM-0001-0005.dcm'].map((file) =>
        file.slice(-15),
      ),
    );
    expect(output!.issues.map((issue) => issue.code)).toEqual([
      'missing-slice',
      'gantry-tilt',
      'nifti-qform-shear',
    ]);
    expect(json.issues).toEqual([]);
  });

  it('--resample-tilt: a copy beside the output with an unsheared affine, the first slice untouched', async () => {
    const result = await runInProcess([
      'convert',
      tilted.path,
      join(scratch, 'resampled'),
      '--json',
      '--resample-tilt',
    ]);
    const json = JSON.parse(result.stdout) as {
      outputs: { path: string; resampled?: string; issues: Issue[]; explanation: string[] }[];
    };
    const [output] = json.outputs;
    const codes = output!.issues.map((issue) => issue.code);
    expect(codes).toEqual(['missing-slice', 'gantry-tilt', 'gantry-tilt-resampled', 'nifti-qform-shear']);
    // dcm2niix's name for the tilt-corrected copy; the output itself keeps the acquired voxels.
    expect(output!.resampled).toBe(output!.path.replace(/\.nii\.gz$/, '_Tilt_1.nii.gz'));
    expect(output!.explanation).toContain(`resampled copy written beside it: ${output!.resampled}`);
    const resampling = output!.issues.find((issue) => issue.code === 'gantry-tilt-resampled');
    expect(resampling?.message).toContain(`in the copy beside the output, ${basename(output!.resampled!)}:`);
    const read = (path: string) => readNifti(gunzipSync(readFileSync(path)));
    const acquired = read(output!.path);
    const copy = read(output!.resampled!);
    expect(copy.data.shape).toEqual(acquired.data.shape);
    // The first slice is where the shift starts from: unchanged. The tilt is gone from the copy's affine.
    const slice = 512 * 512;
    expect(
      Buffer.compare(
        Buffer.from(copy.data.data.buffer, copy.data.data.byteOffset, slice * 2),
        Buffer.from(acquired.data.data.buffer, acquired.data.data.byteOffset, slice * 2),
      ),
    ).toBe(0);
    expect(affineDifference(copy.qformAffine!, copy.sformAffine!)).toBeLessThan(1e-3);
    expect(affineDifference(acquired.qformAffine!, acquired.sformAffine!)).toBeGreaterThan(0.1);
  });
});
