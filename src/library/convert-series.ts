/**
 * Converting a named session's series into `nii/` (seed-features.md §1.4.8–1.4.9): each
 * `dcm/` folder is converted once with radkit's converter; each output is matched to the
 * series it holds, reoriented to its plane's RADIFOX orientation (PIL / LIP / LPS), and written
 * as `nii/<NiftiName>.nii.gz` with RADIFOX's sidecar `nii/<NiftiName>.json` (plus `.bval` /
 * `.bvec` for diffusion, the vectors turned with the voxels) and a QA montage.
 *
 * Where radifox-convert gives up, radkit goes on and says so: an output that exists already is
 * reported (RADIFOX: "Naming failed"), a folder yielding more outputs than series gets
 * RADIFOX's suffix extras (ECHO, PHA, DYN…) or a numbered `-PART<n>` when none applies, and
 * a series without a plane is written as stored (RADIFOX: KeyError, the whole import aborted).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ConvertedOutput, convertDicom } from '../convert/index.js';
import { writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { writeQaMontage } from '../preview/index.js';
import { hashDir, hashFile } from './hashing.js';
import type { NamedSeries } from './name-series.js';
import { planeOrientation, reorientNifti } from './reorient-output.js';
import { type RunFacts, type SeriesRecord, sidecarDocument } from './session-document.js';
import type { SessionLayout } from './session-layout.js';
import type { SessionLog } from './session-log.js';

/** One NIfTI written for a series, with its companions in `nii/`. */
export interface PlacedOutput {
  /** The library name (a series split into several outputs adds ECHO…/PART… extras). */
  readonly name: string;
  readonly niftiPath: string;
  /** The BIDS layout's dcm2niix-style sidecar, `nii/<name>.json` (RADIFOX's sidecar otherwise). */
  readonly sidecarPath: string;
  readonly bvalPath?: string | undefined;
  readonly bvecPath?: string | undefined;
}

export interface ConvertedSeries {
  /** The outputs written, in the converter's order; empty when none was. */
  readonly outputs: readonly PlacedOutput[];
  /** Why a series meant to be converted was not (e.g. `conversion failed: …`). */
  readonly failure: string | null;
  readonly issues: readonly Issue[];
}

export interface ConvertSeriesOptions {
  /**
   * 'radifox' (default): outputs reoriented by plane, RADIFOX's sidecar. 'bids': outputs kept in
   * the converter's voxel order (as dcm2niix writes them, which BIDS tools expect) with the
   * converter's BIDS sidecar, for `writeBidsSession` to place.
   */
  readonly layout?: 'radifox' | 'bids';
  readonly qa: boolean;
  readonly software: { readonly name: string; readonly version: string };
  readonly log: SessionLog;
  readonly run: RunFacts;
  readonly progress?: (stage: string, done: number, total: number) => void;
}

export interface SessionConversion {
  /** Every series with its naming and conversion outcome, as the JSON documents list them. */
  readonly records: SeriesRecord[];
  readonly byUID: Map<string, ConvertedSeries>;
}

/** dcm2niix's postfixes to RADIFOX's extras (§1.4.8). */
function postfixExtra(postfix: string, index: number): string | undefined {
  const echo = /_e(\d+)/.exec(postfix);
  if (echo !== null) return `ECHO${Number(echo[1])}`;
  if (/_ph\b|_ph$/.test(postfix)) return 'PHA';
  if (/_real/.test(postfix)) return 'REA';
  if (/_imaginary/.test(postfix)) return 'IMA';
  if (/_t\d+/.test(postfix)) return `DYN${index + 1}`;
  return undefined;
}

/** Which output holds which series of one folder. */
function matchOutputs(
  group: readonly NamedSeries[],
  outputs: readonly ConvertedOutput[],
  base: string,
): { named: NamedSeries; output: ConvertedOutput; name: string }[] {
  if (group.length === 1) {
    const named = group[0]!;
    if (outputs.length === 1) return [{ named, output: outputs[0]!, name: named.name! }];
    return outputs.map((output, index) => {
      const postfix = basename(output.path)
        .replace(/\.nii(\.gz)?$/, '')
        .slice(base.length);
      return { named, output, name: `${named.name}-${postfixExtra(postfix, index) ?? `PART${index + 1}`}` };
    });
  }
  // Parts of enhanced files: an output belongs to the part holding its first frame.
  const matched: { named: NamedSeries; output: ConvertedOutput; name: string }[] = [];
  for (const output of outputs) {
    const frame = /#frame(\d+)/.exec(output.files[0] ?? '');
    const index = frame === null ? 0 : Number(frame[1]); // convert/ numbers frames from 0
    const named = group.find((candidate) => candidate.series.frames?.has(index));
    if (named !== undefined && !matched.some((m) => m.named === named))
      matched.push({ named, output, name: named.name! });
  }
  return matched;
}

function record(
  named: NamedSeries,
  outcome: { created: boolean; niftiHash: string | null; sourceHash: string | null; name: string | null },
): SeriesRecord {
  return {
    ...named.info,
    SourceHash: outcome.sourceHash,
    ConvertImage: named.convert,
    ManualName: named.manualName,
    LookupName: named.lookupName,
    PredictedName: named.predictedName,
    NiftiName: outcome.name,
    NiftiCreated: outcome.created,
    NiftiHash: outcome.niftiHash,
  };
}

/** The BIDS layout: the output as converted, renamed into `nii/` with its sidecar and tables. */
function keepAsConverted(output: ConvertedOutput, niiDir: string, name: string): PlacedOutput {
  const path = (extension: string) => join(niiDir, `${name}${extension}`);
  renameSync(output.path, path('.nii.gz'));
  renameSync(output.sidecarPath, path('.json'));
  if (output.bvalPath !== undefined) renameSync(output.bvalPath, path('.bval'));
  if (output.bvecPath !== undefined) renameSync(output.bvecPath, path('.bvec'));
  return {
    name,
    niftiPath: path('.nii.gz'),
    sidecarPath: path('.json'),
    bvalPath: output.bvalPath === undefined ? undefined : path('.bval'),
    bvecPath: output.bvecPath === undefined ? undefined : path('.bvec'),
  };
}

/** RADIFOX's layout: the output turned to its plane's orientation, b-vectors with it. */
async function reorientByPlane(
  output: ConvertedOutput,
  niiDir: string,
  name: string,
  named: NamedSeries,
  log: SessionLog,
): Promise<PlacedOutput> {
  const path = (extension: string) => join(niiDir, `${name}${extension}`);
  const plane = named.info.SliceOrientation;
  const bvec = output.bvecPath === undefined ? undefined : { source: output.bvecPath, target: path('.bvec') };
  if (plane === null) {
    log.warning(`${named.info.SourcePath}: no slice orientation; written as stored, not reoriented`);
    renameSync(output.path, path('.nii.gz'));
    if (bvec !== undefined) renameSync(bvec.source, bvec.target);
  } else {
    await reorientNifti(output.path, path('.nii.gz'), planeOrientation[plane], bvec);
  }
  if (output.bvalPath !== undefined) renameSync(output.bvalPath, path('.bval'));
  return {
    name,
    niftiPath: path('.nii.gz'),
    sidecarPath: path('.json'),
    bvalPath: output.bvalPath === undefined ? undefined : path('.bval'),
    bvecPath: bvec?.target,
  };
}

export async function convertSessionSeries(
  all: readonly NamedSeries[],
  layout: SessionLayout,
  options: ConvertSeriesOptions,
): Promise<SessionConversion> {
  const byFolder = new Map<string, NamedSeries[]>();
  for (const named of all)
    byFolder.set(named.series.folder.name, [...(byFolder.get(named.series.folder.name) ?? []), named]);
  const records: SeriesRecord[] = [];
  const byUID = new Map<string, ConvertedSeries>();
  mkdirSync(layout.niiDir, { recursive: true });
  let done = 0;
  for (const [folderName, group] of byFolder) {
    options.progress?.('converting', done++, byFolder.size);
    const folderPath = join(layout.dcmDir, folderName);
    const sourceHash = hashDir(folderPath, false);
    const wanted = group.filter((named) => named.convert);
    if (wanted.length === 0) {
      for (const named of group)
        records.push(record(named, { created: false, niftiHash: null, sourceHash, name: null }));
      continue;
    }
    const scratch = join(layout.niiDir, `.convert-${randomBytes(6).toString('hex')}`);
    try {
      const base = 'series';
      // The library keeps one named image per series (RADIFOX keeps dcm2niix's image and
      // drops what else it writes): overlay planes would be left behind in the scratch folder.
      const result = await convertDicom([folderPath], scratch, {
        pattern: base,
        overlays: false,
        software: options.software,
      });
      for (const issue of result.issues) options.log.warning(`${folderName}: ${issue.message}`);
      const matched = matchOutputs(wanted, result.outputs, base);
      for (const named of group) {
        const placed = matched.filter((m) => m.named === named);
        if (!named.convert || placed.length === 0) {
          const failure = named.convert
            ? `conversion failed: no output of ${folderName} holds this series`
            : null;
          if (failure !== null) options.log.error(`${named.info.SourcePath}: ${failure}`);
          byUID.set(named.info.SeriesUID, { outputs: [], failure, issues: result.issues });
          records.push(record(named, { created: false, niftiHash: null, sourceHash, name: null }));
          continue;
        }
        const outputs: PlacedOutput[] = [];
        const issues: Issue[] = [];
        for (const { output, name } of placed) {
          const target = join(layout.niiDir, `${name}.nii.gz`);
          if (existsSync(target)) {
            options.log.warning(
              `${named.info.SourcePath}: ${name}.nii.gz exists already; this output is not written (naming collision)`,
            );
            continue;
          }
          const placedOutput =
            options.layout === 'bids'
              ? keepAsConverted(output, layout.niiDir, name)
              : await reorientByPlane(output, layout.niiDir, name, named, options.log);
          const done: SeriesRecord = record(named, {
            created: true,
            niftiHash: hashFile(target),
            sourceHash,
            name,
          });
          if (options.layout !== 'bids')
            writeFileAtomic(placedOutput.sidecarPath, sidecarDocument(options.run, done));
          if (options.qa) {
            mkdirSync(layout.qaDir, { recursive: true });
            await writeQaMontage(target, join(layout.qaDir, `${name}.png`));
          }
          options.log.info(`${named.info.SourcePath}: wrote nii/${name}.nii.gz`);
          records.push(done);
          outputs.push(placedOutput);
          issues.push(...output.issues);
        }
        if (outputs.length === 0)
          records.push(record(named, { created: false, niftiHash: null, sourceHash, name: null }));
        byUID.set(named.info.SeriesUID, {
          outputs,
          failure:
            outputs.length === 0 ? 'not written: its name collided with an output written before' : null,
          issues,
        });
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  options.progress?.('converting', byFolder.size, byFolder.size);
  return { records, byUID };
}
