/**
 * One run of naming and conversion over a session's staged `dcm/` (seed-features.md §1.4.2
 * steps 4–9), shared by `radkit import` (right after staging) and `radkit update` (from the
 * `dcm/` an earlier import left): every series named, the wanted ones converted into `nii/`,
 * placed in the BIDS tree when the session is a BIDS one, and `<prefix>_UnconvertedInfo.json`
 * written last, as the mark of a finished run.
 */
import { chmodSync } from 'node:fs';
import { writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { type NameParts, parseImageName } from '../naming/index.js';
import { type BidsSessionOutput, type BidsSessionResult, writeBidsSession } from './bids/index.js';
import { type ConvertedSeries, convertSessionSeries } from './convert-series.js';
import { type NamedSeries, nameSessionSeries } from './name-series.js';
import { type RunFacts, unconvertedInfoDocument } from './session-document.js';
import type { SessionLayout } from './session-layout.js';
import type { SessionLog } from './session-log.js';
import { seriesOfStagedFolders } from './session-series.js';
import type { StagedFolder } from './stage-dicom.js';

/** Where a BIDS session's images go: `<root>/sub-<subject>/ses-<session>/`. */
export interface BidsTarget {
  readonly root: string;
  readonly subject: string;
  readonly session: string;
}

export interface SessionRunOptions {
  readonly root: string;
  readonly lut?: string | undefined;
  readonly forceDerived?: boolean;
  readonly extras?: readonly string[];
  readonly noProjectSubdir?: boolean;
  readonly qa?: boolean;
  /** Set for the BIDS layout: converted images are placed there. */
  readonly bids?: BidsTarget | undefined;
  readonly software: { readonly name: string; readonly version: string };
  readonly progress?: (stage: string, done: number, total: number) => void;
}

/** One image written for a series. */
export interface ImportedOutput {
  readonly name: string;
  /** Where the NIfTI is: `nii/<name>.nii.gz`, or its BIDS path once placed. */
  readonly niftiPath: string;
  /** BIDS layout: the path in the BIDS tree, or null when BIDS cannot hold it (see bidsReason). */
  readonly bidsPath?: string | null;
  /** BIDS layout: the rule that named it, collisions, or why it stayed in `nii/`. */
  readonly bidsReason?: string;
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
  /** The first output's NIfTI (see `outputs` for all of them). */
  readonly niftiPath: string | null;
  readonly outputs: readonly ImportedOutput[];
  /** Per name field: the rule and tag values that decided it (for `--explain`). */
  readonly explanation: readonly string[];
  readonly issues: readonly Issue[];
}

export interface SessionRun {
  readonly series: ImportedSeries[];
  /** The BIDS placement, for a BIDS session that was converted. */
  readonly bids?: BidsSessionResult;
}

function runFacts(
  options: SessionRunOptions,
  layout: SessionLayout,
  naming: { lookupDict: RunFacts['lookupDict']; manualNames: RunFacts['manualNames'] },
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

function importedSeries(
  named: NamedSeries,
  converted: ConvertedSeries | undefined,
  placed: ReadonlyMap<string, { bidsPath: string | null; reason: string }>,
): ImportedSeries {
  const outputs = (converted?.outputs ?? []).map((output): ImportedOutput => {
    const bids = placed.get(output.niftiPath);
    if (bids === undefined) return { name: output.name, niftiPath: output.niftiPath };
    return {
      name: output.name,
      niftiPath: bids.bidsPath ?? output.niftiPath,
      bidsPath: bids.bidsPath,
      bidsReason: bids.reason,
    };
  });
  return {
    seriesInstanceUID: named.series.seriesInstanceUID,
    seriesUID: named.info.SeriesUID,
    sourcePath: named.info.SourcePath ?? '',
    converted: outputs.length > 0,
    name: named.name,
    skipReason: converted?.failure ?? named.skipReason,
    niftiPath: outputs[0]?.niftiPath ?? null,
    outputs,
    explanation: named.explanation,
    issues: converted?.issues ?? [],
  };
}

/** The RADIFOX type of a library name: the six fields, then the extras. */
function typeParts(name: string): NameParts {
  const parsed = parseImageName(`${name}.nii.gz`);
  return [
    parsed.bodypart,
    parsed.modality,
    parsed.technique,
    parsed.acqdim,
    parsed.orientation,
    parsed.excontrast,
    ...parsed.extras,
  ];
}

function placeInBids(
  named: readonly NamedSeries[],
  byUID: ReadonlyMap<string, ConvertedSeries>,
  target: BidsTarget,
  software: SessionRunOptions['software'],
  log: SessionLog,
): BidsSessionResult {
  const outputs: BidsSessionOutput[] = [];
  for (const series of named)
    for (const output of byUID.get(series.info.SeriesUID)?.outputs ?? [])
      outputs.push({
        niftiPath: output.niftiPath,
        sidecarPath: output.sidecarPath,
        bvalPath: output.bvalPath,
        bvecPath: output.bvecPath,
        parts: typeParts(output.name),
        info: series.info,
      });
  // Series this run decided not to convert (a LUT or manual name says so now) lose the images an
  // earlier run placed (radkit update); a series whose conversion failed keeps its old image.
  const retire = named.filter((series) => !series.convert).map((series) => series.info.SeriesUID);
  const result = writeBidsSession({ ...target, outputs, retire, software });
  for (const placement of result.placements) {
    if (placement.bidsPath === null)
      log.warning(`${placement.source}: not placed in BIDS (kept in nii/): ${placement.reason}`);
    else log.info(`${placement.source} → ${placement.bidsPath}: ${placement.reason}`);
  }
  for (const move of result.renamed) log.info(`BIDS: ${move.from} renamed ${move.to}: ${move.reason}`);
  for (const path of result.removed)
    log.info(`BIDS: ${path} removed: replaced by this run's image of its series`);
  return result;
}

/**
 * Name the staged series and, unless `dryRun`, convert them, place them (BIDS) and write the
 * UnconvertedInfo. `inputHash` is the source's hash RADIFOX keeps in every document.
 */
export async function runSession(
  folders: readonly StagedFolder[],
  layout: SessionLayout,
  log: SessionLog,
  options: SessionRunOptions & { readonly inputHash: string; readonly dryRun?: boolean },
): Promise<SessionRun> {
  const series = seriesOfStagedFolders(folders);
  const naming = nameSessionSeries(series, layout, options);
  for (const named of naming.series) {
    if (named.skipReason !== null) log.info(`${named.info.SourcePath}: not converted: ${named.skipReason}`);
    else log.info(`${named.info.SourcePath}: named ${named.name}`);
  }
  const none = new Map<string, { bidsPath: string | null; reason: string }>();
  if (options.dryRun === true)
    return { series: naming.series.map((named) => importedSeries(named, undefined, none)) };

  const run = runFacts(options, layout, naming, options.inputHash);
  const converted = await convertSessionSeries(naming.series, layout, {
    layout: options.bids === undefined ? 'radifox' : 'bids',
    qa: options.qa !== false,
    software: options.software,
    log,
    run,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  });
  const bids =
    options.bids === undefined
      ? undefined
      : placeInBids(naming.series, converted.byUID, options.bids, options.software, log);
  const placed = new Map(
    (bids?.placements ?? []).map((item) => [item.source, { bidsPath: item.bidsPath, reason: item.reason }]),
  );
  writeFileAtomic(layout.unconvertedInfoPath, unconvertedInfoDocument(run, converted.records));
  // Group-writable, as RADIFOX leaves it for the QA web app's users (§1.1).
  chmodSync(layout.unconvertedInfoPath, 0o660);
  const imported = naming.series.map((named) =>
    importedSeries(named, converted.byUID.get(named.info.SeriesUID), placed),
  );
  log.info(`finished: ${imported.filter((item) => item.converted).length} series converted`);
  return { series: imported, ...(bids === undefined ? {} : { bids }) };
}
