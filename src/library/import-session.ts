/**
 * `importSession`: radkit's main job. A source (folder, zip, tar) becomes one session of the
 * organised library, as radifox-convert makes it (seed-features.md §1.4.2): the MR and CT
 * images staged into `dcm/` by series, every series named by what it is, converted to
 * `nii/<name>.nii.gz` with RADIFOX's sidecar, drawn into `qa/conversion/<name>.png`, and the
 * series that were not converted listed with why in `<prefix>_UnconvertedInfo.json`.
 *
 * Safe to repeat: `_UnconvertedInfo.json` is written last and marks a finished import. Running
 * again on the same source finds it and changes nothing; a run that was interrupted (no marker)
 * is redone from scratch, and every file is written atomically, so nothing half-written stays.
 * `--force` redoes a finished import after checking that the source has not changed; `--safe`
 * writes a new attempt folder beside the old one. Unlike radifox-convert, `--force` keeps the
 * session's `_ManualNaming.json` (seed-features.md §1.11 item 11).
 *
 * `layout: 'bids'` puts the images in a BIDS dataset at the root instead (`sub-<S>/ses-<E>/…`,
 * library/bids/), and the rest of the session (dcm/, logs, QA, the JSON documents) under
 * `sourcedata/sub-<S>/ses-<E>/` (session-layout.ts `bidsSourceLayout`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type InputFiles, inputFiles } from '../convert/index.js';
import { RadkitError } from '../errors.js';
import type { Issue } from '../issue.js';
import { framesAsClassicHeaders } from '../naming/index.js';
import { hashFileList, hashFileOrDir } from './hashing.js';
import {
  bidsSourceLayout,
  nextAttempt,
  type SessionIds,
  type SessionLayout,
  sessionLayout,
} from './session-layout.js';
import { SessionLog } from './session-log.js';
import { type ImportedSeries, runSession } from './session-run.js';
import { stageDicom } from './stage-dicom.js';

export interface ImportOptions extends SessionIds {
  /** A folder, a zip/tar(.gz) archive, or a list of files and folders. */
  readonly source: string | readonly string[];
  readonly root: string;
  /** RADIFOX's LUT CSV; default `<root>/<project lower>/<project lower>-lut.csv` if it exists. */
  readonly lut?: string | undefined;
  readonly layout?: 'radifox' | 'bids';
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly safe?: boolean;
  readonly qa?: boolean;
  readonly forceDerived?: boolean;
  /** SeriesInfo attributes whose values are appended to names (`--extras`). */
  readonly extras?: readonly string[];
  readonly noProjectSubdir?: boolean;
  readonly verbose?: boolean;
  readonly software: { readonly name: string; readonly version: string };
  readonly progress?: (stage: string, done: number, total: number) => void;
}

export interface ImportResult {
  /** The session folder (for the BIDS layout, its `sourcedata/` folder). */
  readonly session: string;
  /** The BIDS layout: `<root>/sub-<S>/ses-<E>`. */
  readonly bidsSession?: string;
  /** 'unchanged': the session was already imported from this very source; nothing was written. */
  readonly status: 'imported' | 'unchanged' | 'dry-run';
  readonly series: readonly ImportedSeries[];
  readonly issues: readonly Issue[];
}

/** An import that cannot go ahead; the message says why and what to do. */
export class ImportError extends RadkitError {
  override readonly name: string = 'ImportError';
}

function finishedInputHash(layout: SessionLayout): string | undefined {
  if (!existsSync(layout.unconvertedInfoPath)) return undefined;
  const info = JSON.parse(readFileSync(layout.unconvertedInfoPath, 'utf8')) as { InputHash?: string };
  return info.InputHash;
}

/** The session folder to write, after checking what is already there. */
function chooseSession(
  options: ImportOptions,
  inputHash: string,
  log: (message: string) => void,
): SessionLayout | 'unchanged' {
  const layout = plannedLayout(options);
  if (!existsSync(layout.sessionDir)) return layout;
  if (options.safe === true)
    return nextAttempt(options.root, options, { noProjectSubdir: options.noProjectSubdir === true });
  const previous = finishedInputHash(layout);
  if (previous === undefined) {
    log('the previous import of this session did not finish: it is redone from the start');
    clearConversion(layout);
    return layout;
  }
  if (previous !== inputHash) {
    throw new ImportError(
      'source-changed',
      `Source file(s) have changed since ${layout.sessionDir} was imported (input hash ${previous.slice(0, 12)}… then, ${inputHash.slice(0, 12)}… now).`,
      {
        hint: 'Import it as a new attempt with --safe, or into another session ID; the existing session is left as it is.',
      },
    );
  }
  if (options.force !== true) return 'unchanged';
  log('--force: the session is converted again from the same source');
  clearConversion(layout);
  return layout;
}

/** Remove what a conversion writes, keeping logs and the user's `_ManualNaming.json`. */
function clearConversion(layout: SessionLayout): void {
  for (const path of [layout.dcmDir, layout.niiDir, layout.qaDir, layout.unconvertedInfoPath])
    rmSync(path, { recursive: true, force: true });
  // A staging folder or temporary file that a killed run left behind (`.<name>.<random>.tmp`).
  for (const entry of readdirSync(layout.sessionDir))
    if (entry.startsWith('.') && entry.endsWith('.tmp'))
      rmSync(join(layout.sessionDir, entry), { recursive: true, force: true });
}

/** The layout a new import writes: RADIFOX's, or BIDS's sourcedata session. */
function plannedLayout(options: ImportOptions): SessionLayout {
  if (options.layout === 'bids') return bidsSourceLayout(options.root, options);
  return sessionLayout(options.root, options, { noProjectSubdir: options.noProjectSubdir === true });
}

export async function importSession(options: ImportOptions): Promise<ImportResult> {
  const bids = options.layout === 'bids';
  if (bids && options.safe === true)
    throw new ImportError('usage', '--safe cannot be used with --layout bids.', {
      hint: 'A BIDS session has one folder; import a new attempt under another --session ID.',
    });
  const bidsTarget = bids
    ? { root: options.root, subject: options.subject, session: options.session }
    : undefined;
  const bidsSession = (layout: SessionLayout) =>
    bids ? { bidsSession: join(options.root, basename(layout.subjectDir), basename(layout.sessionDir)) } : {};
  // Archives given as the source or found inside it are read in place, as convert reads them:
  // staging copies their members out (copyInputFile) and InputHash hashes them (forEachPiece).
  let listed: InputFiles | undefined;
  try {
    const sources = typeof options.source === 'string' ? [options.source] : [...options.source];
    const single = sources.length === 1 ? sources[0]! : undefined;
    listed = await inputFiles(sources);
    const files = listed.files;
    // RADIFOX's InputHash: the source (file or folder) hashed without names (§1.4.9); a list
    // of files is hashed as RADIFOX hashes file lists.
    const inputHash = single !== undefined ? hashFileOrDir(single, false) : hashFileList(files, false);
    const early: string[] = [];
    const chosen =
      options.dryRun === true
        ? plannedLayout(options)
        : chooseSession(options, inputHash, (message) => early.push(message));
    if (chosen === 'unchanged') {
      const layout = plannedLayout(options);
      return {
        session: layout.sessionDir,
        ...bidsSession(layout),
        status: 'unchanged',
        series: [],
        issues: [],
      };
    }
    const layout = chosen;
    const dryRun = options.dryRun === true;
    const log = new SessionLog(
      dryRun ? undefined : layout.logsDir,
      'conversion',
      new Date(),
      options.verbose === true,
    );
    if (!dryRun) {
      mkdirSync(layout.sessionDir, { recursive: true });
      for (const message of early) log.info(message);
      log.info(`importing ${sources.join(', ')} (${files.length} files) into ${layout.sessionDir}`);
    }
    const staged = stageDicom(files, dryRun ? undefined : layout.dcmDir, framesAsClassicHeaders);
    if (staged.folders.length === 0) {
      throw new ImportError(
        'no-images',
        `No MR or CT images were found in ${sources.join(', ')} (${files.length} files read).`,
        {
          hint: 'radkit import names MR and CT image series; use radkit convert for other modalities.',
        },
      );
    }
    const run = await runSession(staged.folders, layout, log, {
      ...options,
      bids: bidsTarget,
      inputHash,
      dryRun,
    });
    return {
      session: layout.sessionDir,
      ...bidsSession(layout),
      status: dryRun ? 'dry-run' : 'imported',
      series: run.series,
      issues: [...listed.issues, ...staged.issues],
    };
  } finally {
    listed?.release();
  }
}
