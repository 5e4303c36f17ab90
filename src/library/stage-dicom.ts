/**
 * Staging a source into a session's `dcm/` folder the way radifox-convert sorts it
 * (seed-features.md §1.4.2 step 3): keep MR and CT image files (classic and enhanced) that name
 * their series, split each series by the attributes that must not vary inside one image
 * (orientation, TR, flip angle, TE, trigger time, TI, complex component, image type), and
 * give every part a folder `dcm/<SeriesInstanceUID>.<NN>`; parts that share multi-frame files
 * share `dcm/<SeriesInstanceUID>`. Exact duplicates (same instance number, same header apart
 * from the instance UID and creation date, same pixels) are left out, the earliest kept.
 *
 * Unlike radifox-convert, the source is never moved or modified: files are copied into a
 * staging folder that is renamed to `dcm/` only when complete, so an interrupted import leaves
 * either nothing or a whole `dcm/`. Two source files with the same name in different folders
 * both arrive (radifox-convert's rename made the second overwrite the first).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  type Dataset,
  datasetToJsonModel,
  getNumber,
  getNumbers,
  getString,
  getStrings,
} from '../dicom/index.js';
import type { Issue } from '../issue.js';
import { copyInputFile, inputFileName, readDicomFile } from '../sources/index.js';

/** MR, Enhanced MR, CT and Enhanced CT Image Storage (PS3.4 B.5), the classes RADIFOX names. */
export const namedSopClasses: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10008.5.1.4.1.1.4', 'MR Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.4.1', 'Enhanced MR Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.2', 'CT Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.2.1', 'Enhanced CT Image Storage'],
]);

export const enhancedSopClasses: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.4.1',
  '1.2.840.10008.5.1.4.1.1.2.1',
]);

/** One folder of `dcm/`: a series part (or the parts sharing multi-frame files). */
export interface StagedFolder {
  /** The folder's name, `<SeriesInstanceUID>.<NN>` or `<SeriesInstanceUID>`. */
  readonly name: string;
  /** The staged copies, in the order the series sorts them (instance number). */
  readonly files: readonly string[];
  /** The source file each staged copy came from. */
  readonly sources: readonly string[];
}

export interface StagingResult {
  readonly folders: readonly StagedFolder[];
  /** Files left out, each with why (not DICOM, not an MR/CT image, no series, duplicate). */
  readonly issues: readonly Issue[];
}

interface Entry {
  readonly file: string;
  readonly header: Dataset;
  readonly seriesUID: string;
  readonly instanceNumber: number;
}

/** Per-frame classic headers of an enhanced file (from naming/), or the header itself. */
export type FrameHeaders = (dataset: Dataset) => readonly Dataset[];

/** RADIFOX rounds orientation to 1e-4 before comparing, so noise in IOP does not split (§1.4.10). */
const truncated = (values: readonly number[] | undefined) =>
  values === undefined ? null : values.map((value) => Math.round((value / 2) * 1e4) / 1e4);

/** The attributes that must agree within one series part (RADIFOX's MATCHING_ITEMS). */
export function intraSeriesKey(header: Dataset): string {
  return JSON.stringify([
    truncated(getNumbers(header, 'ImageOrientationPatient')),
    getNumber(header, 'RepetitionTime') ?? null,
    getNumber(header, 'FlipAngle') ?? null,
    getNumber(header, 'EchoTime') ?? null,
    getNumber(header, 'TriggerTime') ?? null,
    getNumber(header, 'InversionTime') ?? null,
    getString(header, 'ComplexImageComponent') ?? null,
    getStrings(header, 'ImageType'),
  ]);
}

function readEntries(files: readonly string[], frameHeaders: FrameHeaders, issues: Issue[]): Entry[] {
  const entries: Entry[] = [];
  for (const file of files) {
    let header: Dataset;
    try {
      header = readDicomFile(file, { headerOnly: true }).dataset;
    } catch (error) {
      issues.push({
        code: 'not-dicom',
        severity: 'info',
        message: `left out: ${error instanceof Error ? error.message : String(error)}`,
        where: { file },
      });
      continue;
    }
    const sopClass = getString(header, 'SOPClassUID');
    const seriesUID = getString(header, 'SeriesInstanceUID');
    if (sopClass === undefined || !namedSopClasses.has(sopClass)) {
      issues.push({
        code: 'not-mr-ct-image',
        severity: 'info',
        message: `left out: SOP Class ${sopClass ?? '(none)'} is not MR or CT image storage, which the library names`,
        where: { file },
      });
      continue;
    }
    if (seriesUID === undefined) {
      issues.push({
        code: 'no-series-uid',
        severity: 'warning',
        message: 'left out: the file has no SeriesInstanceUID',
        where: { file },
      });
      continue;
    }
    const headers = enhancedSopClasses.has(sopClass) ? frameHeaders(header) : [header];
    for (const frame of headers) {
      entries.push({
        file,
        header: frame,
        seriesUID,
        instanceNumber: getNumber(frame, 'InstanceNumber') ?? Number.NEGATIVE_INFINITY,
      });
    }
  }
  return entries;
}

/** Folder name → entries, in RADIFOX's order: by series UID, then instance number. */
function groupEntries(entries: Entry[]): Map<string, Entry[]> {
  entries.sort((a, b) =>
    a.seriesUID < b.seriesUID ? -1 : a.seriesUID > b.seriesUID ? 1 : a.instanceNumber - b.instanceNumber,
  );
  const parts = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = `${entry.seriesUID}\u0000${intraSeriesKey(entry.header)}`;
    const part = parts.get(key);
    if (part === undefined) parts.set(key, [entry]);
    else part.push(entry);
  }
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const [key, part] of parts) {
    const uid = part[0]!.seriesUID;
    const count = (counts.get(uid) ?? 0) + 1;
    counts.set(uid, count);
    names.set(key, `${uid}.${String(count).padStart(2, '0')}`);
  }
  // Parts whose frames come from the same files cannot be separated into folders.
  const byFiles = new Map<string, string[]>();
  for (const [key, part] of parts) {
    const files = JSON.stringify([...new Set(part.map((entry) => entry.file))].sort());
    byFiles.set(files, [...(byFiles.get(files) ?? []), key]);
  }
  for (const keys of byFiles.values()) {
    if (keys.length > 1) for (const key of keys) names.set(key, parts.get(key)![0]!.seriesUID);
  }
  const folders = new Map<string, Entry[]>();
  for (const [key, part] of parts) {
    const name = names.get(key)!;
    folders.set(name, [...(folders.get(name) ?? []), ...part]);
  }
  return folders;
}

/** The header as JSON without the attributes a re-sent copy may change, for duplicate checks. */
function comparable(file: string): string {
  const dataset = readDicomFile(file).dataset;
  const json = datasetToJsonModel(dataset);
  delete json['00080013'];
  delete json['00080018'];
  return JSON.stringify(json);
}

/** Files of a folder that repeat an earlier one exactly (RADIFOX's remove_duplicates). */
function duplicates(entries: readonly Entry[]): Set<string> {
  const byNumber = new Map<number, Entry[]>();
  for (const entry of entries)
    byNumber.set(entry.instanceNumber, [...(byNumber.get(entry.instanceNumber) ?? []), entry]);
  const repeated = new Set<string>();
  for (const group of byNumber.values()) {
    const files = [...new Set(group.map((entry) => entry.file))];
    if (files.length < 2) continue;
    // The earliest InstanceCreationTime is kept.
    const ordered = files
      .map((file) => ({
        file,
        time: getString(group.find((e) => e.file === file)!.header, 'InstanceCreationTime') ?? '',
      }))
      .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    const seen: string[] = [];
    for (const { file } of ordered) {
      const content = comparable(file);
      if (seen.includes(content)) repeated.add(file);
      else seen.push(content);
    }
  }
  return repeated;
}

function uniqueFileName(taken: Set<string>, file: string): string {
  const name = inputFileName(file);
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Copy the MR/CT image files among `files` into `dcmDir`, sorted into series folders.
 * `dcmDir` must not exist; it appears whole or not at all. Without `dcmDir` (a dry run)
 * nothing is copied and the folders list the source files.
 */
export function stageDicom(
  files: readonly string[],
  dcmDir: string | undefined,
  frameHeaders: FrameHeaders,
): StagingResult {
  const issues: Issue[] = [];
  const grouped = groupEntries(readEntries(files, frameHeaders, issues));
  if (dcmDir === undefined) {
    return {
      folders: [...grouped].map(([name, entries]) => {
        const sources = [...new Set(entries.map((entry) => entry.file))];
        return { name, files: sources, sources };
      }),
      issues,
    };
  }
  const staging = join(dirname(dcmDir), `.${basename(dcmDir)}.${randomBytes(6).toString('hex')}.tmp`);
  const folders: StagedFolder[] = [];
  const copied = new Set<string>();
  try {
    // Made first: with no MR or CT image among the files (a PET-only session) `dcm/` is empty,
    // and each file left out is an Issue, rather than a rename of a folder never made.
    mkdirSync(staging, { recursive: true });
    for (const [name, entries] of grouped) {
      const repeated = duplicates(entries);
      for (const file of repeated) {
        issues.push({
          code: 'duplicate-instance',
          severity: 'info',
          message: `left out of ${name}: an exact copy of another file of the series`,
          where: { file },
        });
      }
      const folder = join(staging, name);
      mkdirSync(folder, { recursive: true });
      const taken = new Set<string>();
      const staged: string[] = [];
      const sources: string[] = [];
      for (const { file } of entries) {
        if (copied.has(file) || repeated.has(file)) continue;
        copied.add(file);
        const target = uniqueFileName(taken, file);
        copyInputFile(file, join(folder, target));
        staged.push(join(dcmDir, name, target));
        sources.push(file);
      }
      // Every file of this part was staged with an earlier part (shared multi-frame files).
      if (staged.length === 0) {
        rmSync(folder, { recursive: true });
        continue;
      }
      folders.push({ name, files: staged, sources });
    }
    renameSync(staging, dcmDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  folders.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { folders, issues };
}

/**
 * The folders of a `dcm/` an earlier import staged, for `radkit update`: every sub-folder with
 * its files by name (the staged copies are their own sources now).
 */
export function stagedFolders(dcmDir: string): StagedFolder[] {
  if (!existsSync(dcmDir)) return [];
  return readdirSync(dcmDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const files = readdirSync(join(dcmDir, name))
        .filter((file) => !file.startsWith('.'))
        .sort()
        .map((file) => join(dcmDir, name, file));
      return { name, files, sources: files };
    })
    .filter((folder) => folder.files.length > 0);
}
