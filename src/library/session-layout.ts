/**
 * Where a session lives in the organised library, as RADIFOX lays it out (seed-features.md
 * §1.1): `<root>/<project lower>/<PROJECT>-[<SITE>-]<SUBJECT>/<SESSION>/{dcm,nii,logs,qa}`,
 * identifiers upper-cased, file names prefixed `<PROJECT>-[<SITE>-]<SUBJECT>_<SESSION>`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RadkitError } from '../errors.js';

export interface SessionIds {
  readonly project: string;
  readonly subject: string;
  readonly session: string;
  readonly site?: string | undefined;
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
  const project = checkedId('project', ids.project);
  const subject = checkedId('subject', ids.subject);
  const session = checkedId('session', ids.session);
  const site = ids.site === undefined ? null : checkedId('site', ids.site);
  const subjectName = site === null ? `${project}-${subject}` : `${project}-${site}-${subject}`;
  const prefix = `${subjectName}_${session}`;
  const projectDir = options.noProjectSubdir === true ? root : join(root, project.toLowerCase());
  const subjectDir = join(projectDir, subjectName);
  const attempt = options.attempt ?? 1;
  // --safe renames the folder only; file prefixes keep the plain session ID (§1.1).
  const sessionDir = join(subjectDir, attempt === 1 ? session : `${session}-${attempt}`);
  return {
    ids: { project, subject, session, site },
    subjectName,
    prefix,
    projectDir,
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
