/**
 * DICOM overlay planes written beside their image as `_ROI1`, on the corpus's three files with
 * an overlay: the voxels equal pydicom's `overlay_array` (rows bottom-up, as the image's) and
 * the installed dcm2niix's `_ROI1` where it writes one (it stops reading
 * `slicethickness_empty_string.dcm` at an illegal tag), with the image's geometry.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDicom } from '../../src/convert/index.js';
import { readNifti } from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing, pydicom, referencePython, tool } from '../support/requirements.js';

const files = [
  corpus('pydicom/pydicom/src/pydicom/data/test_files/examples_overlay.dcm'),
  corpus('pydicom/pydicom-data/data_store/data/MR-SIEMENS-DICOM-WithOverlays.dcm'),
  corpus('nibabel/nibabel/nicom/tests/data/slicethickness_empty_string.dcm'),
];

const scratch = mkdtempSync(join(tmpdir(), 'radkit-overlays-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** pydicom's overlay 6000 of `path` as rows × columns bytes (0/1), row by row from the top. */
function pydicomOverlay(path: string): { rows: number; columns: number; bits: Uint8Array } {
  const out = join(scratch, `${basename(path)}.overlay`);
  const script = [
    'import sys, numpy, pydicom',
    'd = pydicom.dcmread(sys.argv[1])',
    'a = d.overlay_array(0x6000).astype(numpy.uint8)',
    'open(sys.argv[2], "wb").write(a.tobytes())',
    'print(a.shape[0], a.shape[1])',
  ].join('\n');
  const run = spawnSync(referencePython, ['-c', script, path, out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const [rows, columns] = run.stdout.trim().split(' ').map(Number) as [number, number];
  return { rows, columns, bits: new Uint8Array(readFileSync(out)) };
}

describe.skipIf(missing(...files, pydicom(), tool('dcm2niix', ['-v'])))('overlays as _ROI outputs', () => {
  it.each(files.map((file) => [basename(file.path), file.path]))('%s', async (_, path) => {
    const input = join(scratch, basename(path), 'in');
    mkdirSync(input, { recursive: true });
    copyFileSync(path, join(input, basename(path)));
    const out = join(scratch, basename(path), 'radkit');
    const result = await convertDicom([input], out, {
      gzip: false,
      software: { name: 'radkit', version: 'test' },
    });
    expect(result.outputs).toHaveLength(1);
    const [output] = result.outputs;
    expect(output!.overlayPaths).toEqual([output!.path.replace(/\.nii$/, '_ROI1.nii')]);
    const image = readNifti(new Uint8Array(readFileSync(output!.path)));
    const roi = readNifti(new Uint8Array(readFileSync(output!.overlayPaths[0]!)));
    expect(roi.data.dtype).toBe('uint8');
    expect(roi.data.shape).toEqual(image.data.shape);
    expect(affineDifference(roi.affine, image.affine)).toBeLessThan(1e-6);
    expect(roi.header.descrip).toBe(image.header.descrip);

    // pydicom: rows from the top; the NIfTI's j runs bottom-up (dcm2niix's order).
    const reference = pydicomOverlay(path);
    const [columns, rows] = [roi.data.shape.at(-1)!, roi.data.shape.at(-2)!];
    expect([reference.rows, reference.columns]).toEqual([rows, columns]);
    const flipped = new Uint8Array(rows * columns);
    for (let r = 0; r < rows; r++)
      flipped.set(reference.bits.subarray(r * columns, (r + 1) * columns), (rows - 1 - r) * columns);
    expect(flipped.reduce((sum, bit) => sum + bit, 0)).toBeGreaterThan(0);
    expect(Buffer.compare(Buffer.from(roi.data.data as Uint8Array), Buffer.from(flipped))).toBe(0);

    const theirs = join(scratch, basename(path), 'dcm2niix');
    mkdirSync(theirs, { recursive: true });
    spawnSync('dcm2niix', ['-z', 'n', '-o', theirs, input], { stdio: 'ignore' });
    const theirRoi = readdirSync(theirs).find((name) => name.endsWith('_ROI1.nii'));
    if (basename(path) === 'slicethickness_empty_string.dcm') {
      expect(theirRoi).toBeUndefined();
      return;
    }
    const dcm2niix = readNifti(new Uint8Array(readFileSync(join(theirs, theirRoi!))));
    expect(basename(output!.overlayPaths[0]!)).toBe(theirRoi);
    expect(
      Buffer.compare(Buffer.from(roi.data.data as Uint8Array), Buffer.from(dcm2niix.data.data as Uint8Array)),
    ).toBe(0);
    expect(affineDifference(roi.affine, dcm2niix.affine)).toBeLessThan(1e-3);
  });

  it('says so when the output format has no place for the overlay', async () => {
    const out = join(scratch, 'png');
    const result = await convertDicom([files[0]!.path], out, {
      format: 'png',
      software: { name: 'radkit', version: 'test' },
    });
    expect(result.outputs[0]!.overlayPaths).toEqual([]);
    expect(result.outputs[0]!.issues).toContainEqual(
      expect.objectContaining({ code: 'overlay-not-written', severity: 'info' }),
    );
  });

  it('radkit convert lists the overlay in --json and the text, and --no-overlays writes none', async () => {
    const json = join(scratch, 'cli-json');
    const listed = await runInProcess(['convert', files[0]!.path, json, '--json']);
    expect(listed.status).toBe(0);
    const [output] = (JSON.parse(listed.stdout) as { outputs: { path: string; overlays?: string[] }[] })
      .outputs;
    expect(output!.overlays).toEqual([output!.path.replace(/\.nii\.gz$/, '_ROI1.nii.gz')]);
    const text = await runInProcess(['convert', files[0]!.path, join(scratch, 'cli-text')]);
    expect(text.stdout).toContain('_ROI1.nii.gz');
    const none = join(scratch, 'cli-none');
    const quiet = await runInProcess(['convert', files[0]!.path, none, '--no-overlays', '--json']);
    expect(quiet.status).toBe(0);
    expect(
      (JSON.parse(quiet.stdout) as { outputs: { overlays?: string[] }[] }).outputs[0]!.overlays,
    ).toBeUndefined();
    expect(readdirSync(none).some((name) => name.includes('_ROI'))).toBe(false);
  });
});
