/**
 * `updateSession`: `radkit update <session-dir>`, radifox-update (seed-features.md §1.4.1). After
 * a change to the project's LUT or to the session's `_ManualNaming.json` (or a newer radkit),
 * the session is named and converted again from the `dcm/` its import staged; the source is
 * not needed. When nothing changed it says "No action required" and touches nothing.
 *
 * The old `nii/`, `qa/` and `_UnconvertedInfo.json` wait in `prev/` while the new ones are made;
 * a failed run puts them back, a finished one deletes them. An update that was killed is found
 * by its `prev/` holding the only `_UnconvertedInfo.json`; the old state is put back first and
 * the update redone. After a finished update, `stage/CHECK` and `proc/CHECK` are touched when
 * those folders exist, as RADIFOX marks processing for a re-check.
 *
 * The run facts radifox-update keeps from the import are kept too: the InputHash, the
 * `--extras` and `--force-derived` of the import. Sessions of the BIDS layout
 * (`<root>/sourcedata/sub-<S>/ses-<E>`) have their images placed in the BIDS tree again.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RadkitError } from '../errors.js';
import { lookupTableFor, manualNamesFor } from './name-series.js';
import { type SessionLayout, sessionLayoutAt } from './session-layout.js';
import { SessionLog } from './session-log.js';
import { type BidsTarget, type ImportedSeries, runSession } from './session-run.js';
import { stagedFolders } from './stage-dicom.js';

export interface UpdateOptions {
  /** The session folder an import made. */
  readonly sessionDir: string;
  /** The LUT CSV; default the project's `<root>/<project lower>/<project lower>-lut.csv`. */
  readonly lut?: string | undefined;
  /** Name and convert again even when nothing changed. */
  readonly force?: boolean;
  readonly qa?: boolean;
  readonly verbose?: boolean;
  readonly software: { readonly name: string; readonly version: string };
  readonly progress?: (stage: string, done: number, total: number) => void;
}

export interface UpdateResult {
  readonly session: string;
  readonly bidsSession?: string;
  /** 'unchanged': radkit's version, the LUT and the manual names are those of the last run. */
  readonly status: 'updated' | 'unchanged';
  /** What changed since the last run (empty when unchanged). */
  readonly changes: readonly string[];
  readonly series: readonly ImportedSeries[];
}

/** A session that cannot be updated; the message says why and what to do. */
export class UpdateError extends RadkitError {
  override readonly name: string = 'UpdateError';
}

/** What `_UnconvertedInfo.json` keeps of the run that made it. */
interface StoredRun {
  readonly InputHash: string;
  readonly Extras: string[];
  readonly ForceDerived: boolean;
  readonly LookupDict: unknown;
  readonly ManualNames: unknown;
  readonly versions: Record<string, string>;
  readonly metadata: {
    ProjectID: string;
    SubjectID: string;
    SessionID: string;
    SiteID: string | null;
    _NoProjectSubdir: boolean;
  };
}

function infoFileIn(folder: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  const name = readdirSync(folder).find((entry) => entry.endsWith('_UnconvertedInfo.json'));
  return name === undefined ? undefined : join(folder, name);
}

function readStoredRun(path: string): StoredRun {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new UpdateError('not-a-session', `${path} is not valid JSON.`, {
      cause,
      hint: 'Restore it from a backup, or import the session again with radkit import --force.',
    });
  }
  const metadata = json.Metadata as StoredRun['metadata'] | undefined;
  if (metadata === undefined || typeof json.InputHash !== 'string')
    throw new UpdateError(
      'not-a-session',
      `${path} has no Metadata or InputHash: it was not written by an import.`,
      {
        hint: 'Import the session again with radkit import --force.',
      },
    );
  return {
    InputHash: json.InputHash,
    Extras: Array.isArray(json.Extras) ? (json.Extras as string[]) : [],
    ForceDerived: json.ForceDerived === true,
    LookupDict: (json.LookupTable as { LookupDict?: unknown } | undefined)?.LookupDict ?? {},
    ManualNames: json.ManualNames ?? {},
    versions: (json.__version__ as Record<string, string> | undefined) ?? {},
    metadata,
  };
}

/** JSON with object keys sorted, so that two documents compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : item,
  );
}

/** RADIFOX's version_check: a stored version older than this one, or any dev version, counts. */
function olderVersion(stored: string | undefined, current: string): boolean {
  if (stored === undefined || /dev/.test(stored) || /dev/.test(current)) return true;
  const parse = (version: string) => version.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [a, b] = [parse(stored), parse(current)];
  for (let n = 0; n < Math.max(a.length, b.length); n++)
    if ((a[n] ?? 0) !== (b[n] ?? 0)) return (a[n] ?? 0) < (b[n] ?? 0);
  return false;
}

/** Where the session lives: the library root, the layout, and the BIDS tree when it is one. */
function locate(
  sessionDir: string,
  stored: StoredRun,
): { root: string; layout: SessionLayout; bids?: BidsTarget } {
  const { metadata } = stored;
  const ids = {
    project: metadata.ProjectID,
    subject: metadata.SubjectID,
    session: metadata.SessionID,
    site: metadata.SiteID,
  };
  const folder = basename(sessionDir);
  const subjectFolder = basename(dirname(sessionDir));
  const sourcedata = dirname(dirname(sessionDir));
  if (
    folder.startsWith('ses-') &&
    subjectFolder.startsWith('sub-') &&
    basename(sourcedata) === 'sourcedata'
  ) {
    const root = dirname(sourcedata);
    return {
      root,
      layout: sessionLayoutAt(sessionDir, ids),
      bids: { root, subject: subjectFolder.slice(4), session: folder.slice(4) },
    };
  }
  // A --safe attempt folder is `<SESSION>-N`; its files keep the plain session's prefix.
  const attempt = folder === metadata.SessionID ? 1 : Number(folder.split('-').pop());
  const levels = metadata._NoProjectSubdir ? 2 : 3;
  let root = sessionDir;
  for (let n = 0; n < levels; n++) root = dirname(root);
  return { root, layout: sessionLayoutAt(sessionDir, ids, Number.isInteger(attempt) ? attempt : 1) };
}

const kept = ['nii', 'qa'] as const;

function moveAside(layout: SessionLayout, prev: string): void {
  mkdirSync(prev, { recursive: true });
  for (const name of kept) {
    const path = join(layout.sessionDir, name);
    if (existsSync(path)) renameSync(path, join(prev, name));
  }
  if (existsSync(layout.unconvertedInfoPath))
    renameSync(layout.unconvertedInfoPath, join(prev, basename(layout.unconvertedInfoPath)));
}

/** Put `prev/` back: what a failed or killed run made is removed first. */
function restore(layout: SessionLayout, prev: string): void {
  for (const name of kept) {
    rmSync(join(layout.sessionDir, name), { recursive: true, force: true });
    if (existsSync(join(prev, name))) renameSync(join(prev, name), join(layout.sessionDir, name));
  }
  const info = join(prev, basename(layout.unconvertedInfoPath));
  rmSync(layout.unconvertedInfoPath, { force: true });
  if (existsSync(info)) renameSync(info, layout.unconvertedInfoPath);
  rmSync(prev, { recursive: true, force: true });
}

function touch(path: string): void {
  const now = new Date();
  closeSync(openSync(path, 'a'));
  utimesSync(path, now, now);
}

export async function updateSession(options: UpdateOptions): Promise<UpdateResult> {
  const sessionDir = resolve(options.sessionDir);
  const prev = join(sessionDir, 'prev');
  const infoPath = infoFileIn(sessionDir);
  const interrupted = infoPath === undefined ? infoFileIn(prev) : undefined;
  if (infoPath === undefined && interrupted === undefined)
    throw new UpdateError(
      'not-a-session',
      `${sessionDir} has no _UnconvertedInfo.json: it is not a session a finished import made.`,
      {
        hint: 'Give the session folder (<root>/<project>/<PROJECT-SUBJECT>/<SESSION>); an interrupted import is finished by running radkit import again.',
      },
    );
  const stored = readStoredRun((infoPath ?? interrupted)!);
  const { root, layout, bids } = locate(sessionDir, stored);
  const log = new SessionLog(layout.logsDir, 'conversion', new Date(), options.verbose === true);
  if (interrupted !== undefined) {
    log.warning('the previous update did not finish: its prev/ is restored and the update redone');
    restore(layout, prev);
  } else if (existsSync(prev)) {
    // A finished update whose clean-up was cut short: its results stand.
    rmSync(prev, { recursive: true, force: true });
  }

  const naming = { root, lut: options.lut };
  const lookupDict = lookupTableFor(layout, naming)?.lookupDict() ?? {};
  const manualNames = manualNamesFor(layout);
  const changes: string[] = [];
  if (interrupted !== undefined) changes.push('the previous update was interrupted');
  const storedVersion = stored.versions[options.software.name];
  if (olderVersion(storedVersion, options.software.version))
    changes.push(
      `${options.software.name} ${options.software.version} is newer than the ${storedVersion ?? 'other software'} that converted it`,
    );
  if (canonical(lookupDict) !== canonical(stored.LookupDict)) changes.push('the LUT dictionary changed');
  if (canonical(manualNames) !== canonical(stored.ManualNames)) changes.push('the manual names changed');
  if (options.force === true) changes.push('--force');
  const bidsSession =
    bids === undefined ? {} : { bidsSession: join(bids.root, `sub-${bids.subject}`, `ses-${bids.session}`) };
  if (changes.length === 0) {
    log.info('update: no action required; software version, LUT dictionary and manual names match');
    return { session: sessionDir, ...bidsSession, status: 'unchanged', changes, series: [] };
  }

  const folders = stagedFolders(layout.dcmDir);
  if (folders.length === 0)
    throw new UpdateError('no-images', `${layout.dcmDir} holds no staged series to convert again.`, {
      hint: 'The session was imported without its DICOM; import it again from the source with radkit import --force.',
    });
  log.info(`update of ${sessionDir}: ${changes.join('; ')}`);
  moveAside(layout, prev);
  let series: ImportedSeries[];
  try {
    const run = await runSession(folders, layout, log, {
      root,
      lut: options.lut,
      forceDerived: stored.ForceDerived,
      extras: stored.Extras,
      noProjectSubdir: stored.metadata._NoProjectSubdir,
      qa: options.qa !== false,
      bids,
      software: options.software,
      inputHash: stored.InputHash,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
    series = run.series;
  } catch (error) {
    log.error(
      `update failed, the previous state is restored: ${error instanceof Error ? error.message : String(error)}`,
    );
    restore(layout, prev);
    throw error;
  }
  rmSync(prev, { recursive: true, force: true });
  for (const folder of ['stage', 'proc']) {
    const path = join(sessionDir, folder);
    if (existsSync(path)) touch(join(path, 'CHECK'));
  }
  return { session: sessionDir, ...bidsSession, status: 'updated', changes, series };
}
