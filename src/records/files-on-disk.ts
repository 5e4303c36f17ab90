/**
 * Indexed files as paths the readers open. The index names an archive's member
 * `<archive>!<member>` (db/archive-headers.ts), while the readers behind `array()`, `read()`,
 * copies and exports (dbio/, convert/) take paths. A zip or an uncompressed tar is mounted
 * (sources/archive-in-place.ts): its members are read where they lie, under the names the index
 * gives them, and nothing is written. A .tar.gz has no index to read a member by, so the members
 * a call needs are extracted into a temporary folder, the archive streamed once from its start
 * (a member costs its own size in memory, never the archive's), and the folder is removed when
 * the call is done; reading members one lookup at a time would gunzip a 200-slice series' archive
 * 200 times.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { memberSeparator } from '../db/index.js';
import {
  archiveKind,
  archiveMembers,
  InputFileError,
  type MountedArchive,
  memberFolderName,
  memberPath,
  mountArchive,
  mountedMember,
  mountsInPlace,
  writingMember,
} from '../sources/index.js';
import type { DicomRecord } from './record.js';

/** Paths the readers open, in the order asked for, valid until `release()`. */
export interface FilesOnDisk {
  readonly files: readonly string[];
  /** `text` with every extracted file in it named as the index names it (`<archive>!<member>`). */
  named(text: string): string;
  release(): void;
}

/**
 * The absolute paths of the indexed files `paths` (relative to `root`, as the index holds
 * them): plain files where they are, members of a zip or tar mounted at `<archive>!<member>`,
 * members of a .tar.gz extracted under a temporary folder, each in a folder named as the one it
 * lies in inside the archive and under its own file name (a second of the same name goes one
 * folder further down). A member the archive no longer holds is an
 * InputFileError: the archive changed since it was indexed.
 */
export async function filesOnDisk(root: string, paths: readonly string[]): Promise<FilesOnDisk> {
  const files = paths.map((path) => join(root, path));
  // archive → member → the indexes of `paths` that name it
  const wanted = new Map<string, Map<string, number[]>>();
  paths.forEach((path, index) => {
    const at = path.indexOf(memberSeparator);
    if (at < 0) return;
    const archive = join(root, path.slice(0, at));
    const members = wanted.get(archive) ?? new Map<string, number[]>();
    wanted.set(archive, members);
    // Indexes made before tar names lost their `./` still hold it.
    const member = memberPath(path.slice(at + 1));
    members.set(member, [...(members.get(member) ?? []), index]);
  });
  if (wanted.size === 0) return { files, named: (text) => text, release: () => undefined };

  const mounts: MountedArchive[] = [];
  let folder: string | undefined;
  const release = () => {
    for (const mount of mounts) mount.unmount();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  };
  const labels: [target: string, label: string][] = [];
  try {
    const taken = new Set<string>();
    let again = 0;
    for (const [archive, members] of wanted) {
      if (mountsInPlace(archive)) {
        const mount = await mountArchive(archive);
        mounts.push(mount);
        for (const [name, indexes] of members) {
          const path = `${archive}${memberSeparator}${name}`;
          if (mountedMember(path) === undefined) continue;
          for (const index of indexes) files[index] = path;
          members.delete(name);
        }
        // What the mount does not hold (a hidden member, one after damage) is looked for below,
        // so that it is found, or reported missing, as before.
        if (members.size === 0) continue;
      }
      folder ??= mkdtempSync(join(tmpdir(), 'radkit-members-'));
      const kind = archiveKind(archive);
      if (kind !== undefined)
        for await (const member of archiveMembers(archive, kind)) {
          const name = memberPath(member.name);
          const indexes = members.get(name);
          if (indexes === undefined) continue;
          // `files/<folder>/<name>`, or `again/<n>/<folder>/<name>` for one already taken, where
          // <folder> is the folder it lies in inside the archive (or the archive's stem), so
          // that an export names it (%f) as it names the same file in a folder.
          const base = basename(name);
          const home = memberFolderName(archive, name);
          const key = `${home}/${base}`;
          const parent = taken.has(key)
            ? join(folder, 'again', String(++again), home)
            : join(folder, 'files', home);
          taken.add(key);
          const target = join(parent, base);
          const bytes = member.read();
          writingMember(archive, target, () => {
            mkdirSync(parent, { recursive: true });
            writeFileSync(target, bytes);
          });
          for (const index of indexes) files[index] = target;
          labels.push([target, `${archive}${memberSeparator}${name}`]);
          members.delete(name);
          if (members.size === 0) break;
        }
      const [missing] = members.keys();
      if (missing !== undefined)
        throw new InputFileError(
          `${archive}${memberSeparator}${missing}`,
          new Error('no such member (the archive changed since it was indexed: run `radkit index` again)'),
        );
    }
  } catch (error) {
    release();
    throw error;
  }
  // Longest first, so that no path is renamed through a shorter one that begins it.
  labels.sort((a, b) => b[0].length - a[0].length);
  const named = (text: string) =>
    folder !== undefined && text.includes(folder)
      ? labels.reduce((out, [target, label]) => out.replaceAll(target, label), text)
      : text;
  return { files, named, release };
}

/** `use` the files of `paths` on disk (as `filesOnDisk`), the temporary folder removed after. */
export async function withFilesOnDisk<T>(
  root: string,
  paths: readonly string[],
  use: (files: readonly string[]) => T | Promise<T>,
): Promise<T> {
  const onDisk = await filesOnDisk(root, paths);
  try {
    return await use(onDisk.files);
  } catch (error) {
    // Extracted files are gone when this returns: an error names the members instead.
    if (error instanceof Error) error.message = onDisk.named(error.message);
    throw error;
  } finally {
    onDisk.release();
  }
}

/** `use` the files of the instances below `record` on disk, in the order `instances()` gives. */
export async function withRecordFiles<T>(
  record: DicomRecord,
  use: (files: readonly string[]) => T | Promise<T>,
): Promise<T> {
  const paths = (await record.instances()).map((instance) => String(instance.row.path));
  return withFilesOnDisk(record.context.root, paths, use);
}
