/**
 * Outputs only radkit makes, because the installed dcm2niix cannot decode the file's encoding
 * (JPEG-LS, 12-bit JPEG, a frame in several fragments, a deflated or gzip-wrapped file…), are
 * still compared with dcm2niix: the file is first decoded by a reference tool into an
 * uncompressed twin (dcmtk or gdcm, the references of test/pixel/compressed.test.ts; `dcmconv
 * +te` for a deflated data set; gunzip for a gzip-wrapped file), dcm2niix converts the twin from
 * a folder of the same name, and the two images are compared as any pair's are (shape, type,
 * values, scaling, affine; not the sidecars, since the twin's header is the tool's rewrite of the
 * file's). This checks what
 * the pixel tests cannot: that the decoded frames reach the NIfTI in the right layout (colour
 * samples, frames, rows), scaled and placed as dcm2niix would have done.
 *
 * Differences are listed as `twin <aspect>` (`twin voxels`, `twin affine`…). A file no reference
 * tool can decode into a DICOM, or whose twin dcm2niix does not convert either (16-bit RGB), is
 * compared with a reference decoder's frames instead: pydicom's, or Pillow's (OpenJPEG 2.5) for
 * HTJ2K, which no tool here writes back as a DICOM and pydicom 2.3 cannot decode (`reference
 * voxels`, `reference shape`); when that fails too, it is a `twin-unavailable` difference.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readDicomFile } from '../../src/sources/index.js';
import { compressedFiles } from '../pixel/compressed-files.js';
import { decompress } from '../pixel/pixel-reference.js';
import { corpus, corpusRoot } from '../support/requirements.js';
// Types only: uncurated-compare.ts calls this module, so it must not load it back.
import type { Dcm2niixRun, Difference, UnitRun } from './uncurated-compare.js';
import type { PixelRecord } from './uncurated-images.js';
import { unitFolderName } from './uncurated-sets.js';

/** Deflated Explicit VR Little Endian (PS3.5 A.5): the whole data set is deflated. */
const deflatedExplicitVrLittleEndian = '1.2.840.10008.1.2.1.99';

/** A radkit output (its name) and the paths of its NIfTI and of dcm2niix's NIfTI of the twin. */
export interface TwinPair {
  readonly unit: string;
  readonly output: string;
  readonly radkit: string;
  readonly dcm2niix: string;
}

export interface TwinResult {
  readonly pairs: readonly TwinPair[];
  /**
   * Outputs with no twin to compare with: the unit, radkit's output (name and path), the DICOM
   * file, and why. Each is compared with a reference decoder's frames of the file instead.
   */
  readonly unavailable: readonly NoTwin[];
}

/** An output without a twin, and the decoder its frames are compared with instead. */
export interface NoTwin {
  readonly unit: string;
  readonly output: string;
  readonly radkit: string;
  readonly dicom: string;
  readonly detail: string;
  readonly decoder: 'pydicom' | 'pillow';
  /** The largest difference allowed, as test/pixel/compressed-files.ts measured it (lossy HTJ2K). */
  readonly maxDifference: number;
}

/** The uncompressed twin of a file unit's file, written into `folder`, or why there is none. */
function makeTwin(run: UnitRun, folder: string): { path: string } | { error: string } {
  const path = run.unit.path;
  const twinFolder = join(folder, 'in', unitFolderName(run.unit));
  mkdirSync(twinFolder, { recursive: true });
  const twin = join(twinFolder, basename(path));
  if (path.endsWith('.gz')) {
    writeFileSync(twin, gunzipSync(readFileSync(path)));
    return { path: twin };
  }
  const expectation = compressedFiles[relative(corpusRoot, path)];
  if (expectation === undefined) {
    const syntax = readDicomFile(path, { headerOnly: true }).transferSyntax.uid;
    if (syntax !== deflatedExplicitVrLittleEndian) return { error: `no reference decoder for ${syntax}` };
    return decompress('dcmconv', path, twinFolder, 'twin');
  }
  const { reference } = expectation;
  if (reference === 'pillow') return { error: 'its only reference decoder is Pillow, which writes no DICOM' };
  if (typeof reference !== 'string') {
    // An uncompressed twin of the same image is in the corpus (liver_rle.dcm → liver.dcm).
    copyFileSync(corpus(reference.twin).path, twin);
    return { path: twin };
  }
  return decompress(reference, path, twinFolder, 'twin');
}

/**
 * For every file unit with outputs only radkit made: the twin, dcm2niix's outputs of it, and
 * the pairs to compare (by name, or the one output of each).
 */
export async function twinPairs(
  runs: readonly { run: UnitRun; onlyRadkit: readonly string[]; folder: string }[],
  runDcm2niix: (input: string, outputFolder: string) => Promise<Dcm2niixRun>,
): Promise<TwinResult> {
  const pairs: TwinPair[] = [];
  const unavailable: NoTwin[] = [];
  for (const { run, onlyRadkit, folder } of runs) {
    if (run.unit.kind !== 'file' || onlyRadkit.length === 0) continue;
    const unit = run.unit.id;
    const ours = (output: string) => join(run.radkitFolder, `${output}.nii.gz`);
    const expectation = compressedFiles[relative(corpusRoot, run.unit.path)];
    const noTwin = (output: string, detail: string) =>
      unavailable.push({
        unit,
        output,
        radkit: ours(output),
        dicom: run.unit.path,
        detail,
        decoder: expectation?.reference === 'pillow' ? 'pillow' : 'pydicom',
        maxDifference: expectation?.reference === 'pillow' ? expectation.maxDiff : 0,
      });
    const twin = makeTwin(run, join(folder, 'twin'));
    if ('error' in twin) {
      for (const output of onlyRadkit) noTwin(output, twin.error);
      continue;
    }
    const converted = await runDcm2niix(dirname(twin.path), join(folder, 'twin', 'dcm2niix'));
    const theirs = (name: string) => join(converted.outputFolder, `${name}.nii.gz`);
    const left = new Set(converted.names);
    const unpaired: string[] = [];
    for (const output of onlyRadkit) {
      if (left.delete(output)) pairs.push({ unit, output, radkit: ours(output), dcm2niix: theirs(output) });
      else unpaired.push(output);
    }
    if (unpaired.length === 1 && left.size === 1) {
      const output = unpaired[0]!;
      pairs.push({ unit, output, radkit: ours(output), dcm2niix: theirs([...left][0]!) });
      continue;
    }
    for (const output of unpaired) {
      noTwin(
        output,
        `dcm2niix made ${converted.names.length} output(s) of the twin, none of this name (exit ${converted.exit})`,
      );
    }
  }
  return { pairs, unavailable };
}

/**
 * What the reference decoder's frames say of an output without a twin: `reference shape` or
 * `reference voxels` when they differ, nothing when they are equal, and `twin-unavailable` (with
 * why there was no twin) when the decoder fails too.
 */
export function pixelDifferences(record: PixelRecord, noTwin: NoTwin): Omit<Difference, 'unit' | 'output'>[] {
  if (record.error !== undefined)
    return [{ aspect: 'twin-unavailable', detail: `${noTwin.detail}; ${noTwin.decoder}: ${record.error}` }];
  if (record.differingVoxels === undefined) {
    return [
      {
        aspect: 'reference shape',
        detail: `radkit ${record.radkit?.join('×')}, ${noTwin.decoder} ${record.reference?.join('×')}`,
      },
    ];
  }
  return record.differingVoxels > 0
    ? [
        {
          aspect: 'reference voxels',
          detail: `${record.differingVoxels} voxels differ from ${noTwin.decoder}'s by more than ${noTwin.maxDifference}`,
        },
      ]
    : [];
}
