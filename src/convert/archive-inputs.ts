/**
 * Archives among a conversion's inputs: a zip or tar(.gz) given as the input, or found in an
 * input folder (as `radkit index` reads them there), is mounted (sources/archive-in-place.ts):
 * its members take its place in the list as `<archive>!<member>`, the name the index gives them,
 * and every reader of sources/ reads them from the archive. Nothing is written but a .tar.gz's
 * decompressed copy, one file under TMPDIR, removed on release.
 *
 * Callers that copy or hash the files themselves (`radkit import`) ask for the archives to be
 * extracted instead, member by member, into a temporary folder; afterwards a path under it is
 * named back as `<archive>!<member>` and the folder is removed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import type { Issue } from '../issue.js';
import {
  ArchiveError,
  archiveKind,
  extractArchive,
  listFiles,
  type MountedArchive,
  mountArchive,
  progressInMiB,
} from '../sources/index.js';
import type { Progress } from './read-inputs.js';

/** The files a conversion reads, with the archives among them mounted or extracted. */
export interface InputFiles {
  readonly files: readonly string[];
  /** Whether any file came from an archive. */
  readonly fromArchives: boolean;
  /** Archives inside an input folder that could not be read to their end. */
  readonly issues: readonly Issue[];
  /** `path` as the user knows it: a file extracted from an archive as `<archive>!<member>`. */
  original(path: string): string;
  /** `text` (a message, an explanation) with every extracted file in it named as `original` does. */
  originalText(text: string): string;
  /** Unmount the archives, or remove the extracted files. */
  release(): void;
}

export interface InputFilesOptions {
  readonly progress?: Progress | undefined;
  /** Extract the archives into files (for callers that copy or hash files by path). */
  readonly extract?: boolean;
}

/** An archive's name without its extension: the folder name it stands for (%f). */
export function archiveStem(path: string): string {
  return basename(path).replace(/\.(zip|tar|tar\.gz|tgz)$/i, '');
}

/** An archive in an input folder that could not be read to its end, as an error Issue. */
function unreadableArchive(path: string, error: ArchiveError): Issue {
  const what = error.hint === undefined ? error.message : error.message.slice(0, -error.hint.length - 1);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return {
    code: 'unreadable-file',
    severity: 'error',
    message: `${what}${cause}; the members before the fault were read. ${error.hint ?? ''}`.trimEnd(),
    where: { file: path },
  };
}

/**
 * The files under `inputs`, archives mounted (or extracted). An archive given as an input
 * itself must be readable (its ArchiveError is thrown); one found inside a folder that cannot
 * be read to its end is an error Issue, and its members before the fault are converted.
 */
export async function inputFiles(
  inputs: readonly string[],
  options: InputFilesOptions = {},
): Promise<InputFiles> {
  const listed = listFiles(inputs);
  if (!listed.some((path) => archiveKind(path) !== undefined))
    return {
      files: listed,
      fromArchives: false,
      issues: [],
      original: (path) => path,
      originalText: (text) => text,
      release: () => undefined,
    };
  if (options.extract === true) return extractedInputFiles(inputs, listed, options.progress);
  const given = new Set(inputs);
  const mounts: MountedArchive[] = [];
  const release = () => {
    for (const mount of mounts) mount.unmount();
  };
  const files: string[] = [];
  const issues: Issue[] = [];
  try {
    for (const path of listed) {
      if (archiveKind(path) === undefined) {
        files.push(path);
        continue;
      }
      let mounted: MountedArchive;
      try {
        mounted = await mountArchive(
          path,
          progressInMiB(options.progress, `reading ${basename(path)} (MiB)`),
        );
      } catch (error) {
        if (given.has(path) || !(error instanceof ArchiveError)) throw error;
        issues.push(unreadableArchive(path, error));
        continue;
      }
      mounts.push(mounted);
      if (mounted.fault !== undefined) {
        if (given.has(path)) throw mounted.fault;
        issues.push(unreadableArchive(path, mounted.fault));
      }
      // One by one: spreading 150,000 paths into push's arguments overflows the stack.
      for (const file of mounted.files) files.push(file);
    }
  } catch (error) {
    release();
    throw error;
  }
  return {
    files,
    fromArchives: true,
    issues,
    original: (path) => path,
    originalText: (text) => text,
    release,
  };
}

/** `inputFiles` with the archives extracted into a temporary folder. */
async function extractedInputFiles(
  inputs: readonly string[],
  listed: readonly string[],
  progress: Progress | undefined,
): Promise<InputFiles> {
  const given = new Set(inputs);
  const temporary = mkdtempSync(join(tmpdir(), 'radkit-archive-'));
  const release = () => rmSync(temporary, { recursive: true, force: true });
  const extracted: { archive: string; folder: string }[] = [];
  const files: string[] = [];
  const issues: Issue[] = [];
  try {
    for (const path of listed) {
      if (archiveKind(path) === undefined) {
        files.push(path);
        continue;
      }
      // A folder per archive, named after it, so that %f of an archive given alone is its name.
      const folder = join(temporary, String(extracted.length), archiveStem(path));
      extracted.push({ archive: path, folder });
      try {
        await extractArchive(path, folder, progressInMiB(progress, `extracting ${basename(path)} (MiB)`));
      } catch (error) {
        // Only the archive's own faults: a member that cannot be written (disk full) stops all.
        if (given.has(path) || !(error instanceof ArchiveError)) throw error;
        issues.push(unreadableArchive(path, error));
      }
      if (existsSync(folder)) for (const file of listFiles([folder])) files.push(file);
    }
  } catch (error) {
    release();
    throw error;
  }
  // `<temporary>/<n>/<stem>/<member>` belongs to the n-th archive.
  const original = (path: string) => {
    if (!path.startsWith(temporary + sep)) return path;
    const entry = extracted[Number.parseInt(path.slice(temporary.length + 1), 10)];
    if (entry === undefined || !path.startsWith(entry.folder + sep)) return path;
    return `${entry.archive}!${relative(entry.folder, path).split(sep).join('/')}`;
  };
  const originalText = (text: string) => {
    if (!text.includes(temporary)) return text;
    let named = text;
    for (const { archive, folder } of extracted) named = named.replaceAll(`${folder}${sep}`, `${archive}!`);
    return named;
  };
  return { files, fromArchives: true, issues, original, originalText, release };
}

/** `issue` with the files it names given as the user knows them (`InputFiles`). */
export function withOriginalFile(issue: Issue, listed: Pick<InputFiles, 'original' | 'originalText'>): Issue {
  const message = listed.originalText(issue.message);
  if (issue.where?.file === undefined) return message === issue.message ? issue : { ...issue, message };
  return { ...issue, message, where: { ...issue.where, file: listed.original(issue.where.file) } };
}
