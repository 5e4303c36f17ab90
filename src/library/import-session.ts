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
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { RadkitError } from '../errors.js';
import { writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { framesAsClassicHeaders } from '../naming/index.js';
import { archiveKind, extractArchive, listFiles } from '../sources/index.js';
import { type ConvertedSeries, convertSessionSeries } from './convert-series.js';
import { hashFileList, hashFileOrDir } from './hashing.js';
import { type NamedSeries, nameSessionSeries, type SessionNamingInput } from './name-series.js';
import { type RunFacts, unconvertedInfoDocument } from './session-document.js';
import { nextAttempt, type SessionIds, type SessionLayout, sessionLayout } from './session-layout.js';
import { SessionLog } from './session-log.js';
import { seriesOfStagedFolders } from './session-series.js';
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

export interface ImportedSeries {
  /** The DICOM Series Instance UID. */
  readonly seriesInstanceUID: string;
  /** The library's series ID, RADIFOX's SeriesUID: `<SeriesInstanceUID>.<NN>` (one per part). */
  readonly seriesUID: string;
  /** `dcm/<folder>`, as the sidecar's SourcePath. */
  readonly sourcePath: string;
  readonly converted: boolean;
  readonly name: string | null;
  readonly skipReason: string | null;
  readonly niftiPath: string | null;
  /** Per name field: the rule and tag values that decided it (for `--explain`). */
  readonly explanation: readonly string[];
  readonly issues: readonly Issue[];
}

export interface ImportResult {
  readonly session: string;
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
  const layoutOptions = { noProjectSubdir: options.noProjectSubdir === true };
  const layout = sessionLayout(options.root, options, layoutOptions);
  if (!existsSync(layout.sessionDir)) return layout;
  if (options.safe === true) return nextAttempt(options.root, options, layoutOptions);
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

function runFacts(
  options: ImportOptions,
  layout: SessionLayout,
  naming: SessionNamingInput,
  inputHash: string,
): RunFacts {
  return {
    software: options.software,
    extras: options.extras ?? [],
    forceDerived: options.forceDerived === true,
    inputHash,
    lookupDict: naming.lookupDict,
    manualNames: naming.manualNames,
    metadata: {
      ProjectID: layout.ids.project,
      SubjectID: layout.ids.subject,
      SessionID: layout.ids.session,
      SiteID: layout.ids.site,
      _NoProjectSubdir: options.noProjectSubdir === true,
    },
  };
}

function importedSeries(named: NamedSeries, converted: ConvertedSeries | undefined): ImportedSeries {
  return {
    seriesInstanceUID: named.series.seriesInstanceUID,
    seriesUID: named.info.SeriesUID,
    sourcePath: named.info.SourcePath ?? '',
    converted: converted?.niftiPath !== undefined,
    name: named.name,
    skipReason: converted?.failure ?? named.skipReason,
    niftiPath: converted?.niftiPath ?? null,
    explanation: named.explanation,
    issues: converted?.issues ?? [],
  };
}

export async function importSession(options: ImportOptions): Promise<ImportResult> {
  if (options.layout === 'bids') {
    throw new RadkitError('unsupported-format', '--layout bids is not wired into radkit import yet.', {
      hint: 'Import with the default RADIFOX layout for now; the BIDS writer (src/library/bids) is being finished.',
    });
  }
  let extracted: string | undefined;
  try {
    let sources = typeof options.source === 'string' ? [options.source] : [...options.source];
    const single = sources.length === 1 ? sources[0]! : undefined;
    if (single !== undefined && archiveKind(single) !== undefined) {
      extracted = mkdtempSync(join(tmpdir(), 'radkit-import-'));
      const folder = join(extracted, basename(single).replace(/\.(zip|tar|tar\.gz|tgz)$/i, ''));
      extractArchive(single, folder);
      sources = [folder];
    }
    const files = listFiles(sources);
    // RADIFOX's InputHash: the source (file or folder) hashed without names (§1.4.9); a list
    // of files is hashed as RADIFOX hashes file lists.
    const inputHash = single !== undefined ? hashFileOrDir(single, false) : hashFileList(files, false);
    const early: string[] = [];
    const chosen =
      options.dryRun === true
        ? sessionLayout(options.root, options, { noProjectSubdir: options.noProjectSubdir === true })
        : chooseSession(options, inputHash, (message) => early.push(message));
    if (chosen === 'unchanged') {
      const layout = sessionLayout(options.root, options, {
        noProjectSubdir: options.noProjectSubdir === true,
      });
      return { session: layout.sessionDir, status: 'unchanged', series: [], issues: [] };
    }
    const layout = chosen;
    const startedAt = new Date();
    const log = new SessionLog(layout.logsDir, 'conversion', startedAt, options.verbose === true);
    if (options.dryRun !== true) {
      mkdirSync(layout.sessionDir, { recursive: true });
      for (const message of early) log.info(message);
      log.info(`importing ${sources.join(', ')} (${files.length} files) into ${layout.sessionDir}`);
    }

    const staged = stageDicom(
      files,
      options.dryRun === true ? undefined : layout.dcmDir,
      framesAsClassicHeaders,
    );
    if (staged.folders.length === 0) {
      throw new ImportError(
        'no-images',
        `No MR or CT images were found in ${sources.join(', ')} (${files.length} files read).`,
        {
          hint: 'radkit import names MR and CT image series; use radkit convert for other modalities.',
        },
      );
    }
    const series = seriesOfStagedFolders(staged.folders);
    const naming = nameSessionSeries(series, layout, options);
    for (const named of naming.series) {
      if (named.skipReason !== null) log.info(`${named.info.SourcePath}: not converted: ${named.skipReason}`);
      else log.info(`${named.info.SourcePath}: named ${named.name}`);
    }
    if (options.dryRun === true) {
      return {
        session: layout.sessionDir,
        status: 'dry-run',
        series: naming.series.map((named) => importedSeries(named, undefined)),
        issues: staged.issues,
      };
    }
    const run = runFacts(options, layout, naming, inputHash);
    const converted = await convertSessionSeries(naming.series, layout, {
      qa: options.qa !== false,
      software: options.software,
      log,
      run,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
    writeFileAtomic(layout.unconvertedInfoPath, unconvertedInfoDocument(run, converted.records));
    // Group-writable, as RADIFOX leaves it for the QA web app's users (§1.1).
    chmodSync(layout.unconvertedInfoPath, 0o660);
    log.info(`finished: ${converted.byUID.size} series converted`);
    return {
      session: layout.sessionDir,
      status: 'imported',
      series: naming.series.map((named) => importedSeries(named, converted.byUID.get(named.info.SeriesUID))),
      issues: staged.issues,
    };
  } finally {
    if (extracted !== undefined) rmSync(extracted, { recursive: true, force: true });
  }
}
