/**
 * Archives among a conversion's inputs: a zip or tar(.gz) given as the input, or found in an
 * input folder (as `radkit index` reads them there), is mounted (sources/archive-in-place.ts):
 * its members take its place in the list as `<archive>!<member>`, the name the index gives them,
 * and every reader of sources/ reads them from the archive (`radkit import` copies them with
 * `copyInputFile`). Nothing is written but a .tar.gz's decompressed copy, one file under TMPDIR,
 * removed on release.
 */
import { basename } from 'node:path';
import type { Issue } from '../issue.js';
import {
  ArchiveError,
  archiveKind,
  listFiles,
  type MountedArchive,
  mountArchive,
  progressInMiB,
} from '../sources/index.js';
import type { Progress } from './read-inputs.js';

/** The files a conversion reads, with the archives among them mounted. */
export interface InputFiles {
  readonly files: readonly string[];
  /** Archives inside an input folder that could not be read to their end. */
  readonly issues: readonly Issue[];
  /** Unmount the archives. */
  release(): void;
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
 * The files under `inputs`, archives mounted. An archive given as an input itself must be
 * readable (its ArchiveError is thrown); one found inside a folder that cannot be read to its
 * end is an error Issue, and its members before the fault are converted. `progress` is told how
 * far into each archive its listing (or a .tar.gz's decompression) has come.
 */
export async function inputFiles(inputs: readonly string[], progress?: Progress): Promise<InputFiles> {
  const listed = listFiles(inputs);
  if (!listed.some((path) => archiveKind(path) !== undefined))
    return { files: listed, issues: [], release: () => undefined };
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
        mounted = await mountArchive(path, progressInMiB(progress, `reading ${basename(path)} (MiB)`));
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
  return { files, issues, release };
}
