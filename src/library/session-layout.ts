/**
 * Where a session lives in the organised library, as RADIFOX lays it out (seed-features.md
 * §1.1): `<root>/<project lower>/<PROJECT>-[<SITE>-]<SUBJECT>/<SESSION>/{dcm,nii,logs,qa}`,
 * identifiers upper-cased, file names prefixed `<PROJECT>-[<SITE>-]<SUBJECT>_<SESSION>`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RadkitError } from '../errors.js';
import { requireBidsLabel } from '../naming/index.js';

export interface SessionIds {
  readonly project: string;
  readonly subject: string;
  readonly session: string;
  readonly site?: string | null | undefined;
}

export interface SessionLayout {
  readonly ids: Required<Pick<SessionIds, 'project' | 'subject' | 'session'>> & {
    readonly site: string | null;
  };
  /** `<PROJECT>-[<SITE>-]<SUBJECT>`: the subject folder's name. */
  readonly subjectName: string;
  /** `<subjectName>_<SESSION>`: the prefix of every file the session holds. */
  readonly prefix: string;
  readonly projectDir: string;
  readonly subjectDir: string;
  readonly sessionDir: string;
  /** 1 for the session folder itself, N ≥ 2 for a `--safe` attempt `<SESSION>-N`. */
  readonly attempt: number;
  readonly dcmDir: string;
  readonly niiDir: string;
  readonly logsDir: string;
  readonly qaDir: string;
  readonly unconvertedInfoPath: string;
  readonly manualNamingPath: string;
}

/** A project, subject, session or site identifier that cannot become part of a path or a name. */
export class SessionIdError extends RadkitError {
  override readonly name: string = 'SessionIdError';
  constructor(field: string, value: string) {
    super('session-id', `the ${field} '${value}' cannot be used in a library name.`, {
      hint: "Use letters, digits and '-' only: '_' separates name fields, '.' the extension, '/' folders.",
    });
  }
}

function checkedId(field: string, value: string): string {
  const upper = value.trim().toUpperCase();
  if (upper === '' || /[_./\\\s]/.test(upper)) throw new SessionIdError(field, value);
  return upper;
}

export function sessionLayout(
  root: string,
  ids: SessionIds,
  options: { noProjectSubdir?: boolean; attempt?: number } = {},
): SessionLayout {
  const { project, subjectName } = checkedIds(ids);
  const projectDir = options.noProjectSubdir === true ? root : join(root, project.toLowerCase());
  const attempt = options.attempt ?? 1;
  const session = checkedId('session', ids.session);
  // --safe renames the folder only; file prefixes keep the plain session ID (§1.1).
  const sessionDir = join(projectDir, subjectName, attempt === 1 ? session : `${session}-${attempt}`);
  return sessionLayoutAt(sessionDir, ids, attempt);
}

function checkedIds(ids: SessionIds) {
  const project = checkedId('project', ids.project);
  const subject = checkedId('subject', ids.subject);
  const session = checkedId('session', ids.session);
  const site = ids.site === undefined || ids.site === null ? null : checkedId('site', ids.site);
  const subjectName = site === null ? `${project}-${subject}` : `${project}-${site}-${subject}`;
  return { project, subject, session, site, subjectName, prefix: `${subjectName}_${session}` };
}

/**
 * The layout of the session folder `sessionDir` whose files carry the prefix of `ids`: the
 * subject folder is its parent, the project folder its grandparent. `radkit update` uses it on
 * a session that exists, wherever it is.
 */
export function sessionLayoutAt(sessionDir: string, ids: SessionIds, attempt = 1): SessionLayout {
  const { project, subject, session, site, subjectName, prefix } = checkedIds(ids);
  const subjectDir = dirname(sessionDir);
  return {
    ids: { project, subject, session, site },
    subjectName,
    prefix,
    projectDir: dirname(subjectDir),
    subjectDir,
    sessionDir,
    attempt,
    dcmDir: join(sessionDir, 'dcm'),
    niiDir: join(sessionDir, 'nii'),
    logsDir: join(sessionDir, 'logs'),
    qaDir: join(sessionDir, 'qa', 'conversion'),
    unconvertedInfoPath: join(sessionDir, `${prefix}_UnconvertedInfo.json`),
    manualNamingPath: join(sessionDir, `${prefix}_ManualNaming.json`),
  };
}

/** The first `--safe` attempt folder that does not exist yet: `<SESSION>-2`, `-3`, … */
export function nextAttempt(
  root: string,
  ids: SessionIds,
  options: { noProjectSubdir?: boolean } = {},
): SessionLayout {
  for (let attempt = 2; ; attempt++) {
    const layout = sessionLayout(root, ids, { ...options, attempt });
    if (!existsSync(layout.sessionDir)) return layout;
  }
}

/**
 * A BIDS dataset's session keeps what is not BIDS — the staged `dcm/`, logs, QA images,
 * `_UnconvertedInfo.json`, `_ManualNaming.json`, and the outputs BIDS cannot hold — under
 * `<root>/sourcedata/sub-<S>/ses-<E>/` (BIDS §"Source vs. raw vs. derived data": sourcedata
 * is where the data the dataset was made from lives; validators skip it). File prefixes are
 * RADIFOX's, so the session works with `radkit update` like any other.
 */
export function bidsSourceLayout(root: string, ids: SessionIds): SessionLayout {
  const subject = `sub-${requireBidsLabel('subject', ids.subject)}`;
  const session = `ses-${requireBidsLabel('session', ids.session)}`;
  return sessionLayoutAt(join(root, 'sourcedata', subject, session), ids);
}
