/**
 * The dataset-level and session-level text files of a BIDS dataset (BIDS 1.8 §"Modality agnostic
 * files", §"Scans file"): dataset_description.json, README, participants.tsv and
 * sub-<S>_ses-<E>_scans.tsv. Each is merged with what is already there, written atomically, and
 * written byte for byte the same when nothing changed, so a repeated import leaves the same tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../formats/index.js';

/** BIDS version radkit's layout follows (bids-validator 1.15 checks against 1.8/1.9 rules). */
export const bidsVersion = '1.8.0';

export interface Table {
  readonly columns: string[];
  readonly rows: string[][];
}

/** A BIDS TSV (tab-separated, first line the column names); undefined when the file is absent. */
export function readTable(path: string): Table | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '');
  const [head, ...body] = lines;
  if (head === undefined) return undefined;
  const columns = head.split('\t');
  return { columns, rows: body.map((line) => columns.map((_, index) => line.split('\t')[index] ?? 'n/a')) };
}

/** TSV text: LF line ends (the validator rejects CR), empty cells as `n/a` (BIDS §"Tabular files"). */
export function formatTable(table: Table): string {
  const cell = (value: string) => (value === '' ? 'n/a' : value);
  return `${[table.columns, ...table.rows].map((row) => row.map(cell).join('\t')).join('\n')}\n`;
}

/** Write only when the text differs, so an unchanged file keeps its bytes and its time. */
function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileAtomic(path, text);
}

/**
 * participants.tsv with `sub-<S>` in it: the existing columns are kept (participant_id first), a
 * new row has `n/a` in the others, rows are sorted by participant_id.
 */
export function updateParticipants(root: string, subject: string): void {
  const path = join(root, 'participants.tsv');
  const existing = readTable(path);
  const columns = existing?.columns.includes('participant_id')
    ? existing.columns
    : ['participant_id', ...(existing?.columns ?? [])];
  const idColumn = columns.indexOf('participant_id');
  const rows = (existing?.rows ?? []).map((row) =>
    existing?.columns.includes('participant_id') ? row : ['n/a', ...row],
  );
  const id = `sub-${subject}`;
  if (!rows.some((row) => row[idColumn] === id))
    rows.push(columns.map((column) => (column === 'participant_id' ? id : 'n/a')));
  rows.sort((a, b) => (a[idColumn]! < b[idColumn]! ? -1 : a[idColumn]! > b[idColumn]! ? 1 : 0));
  writeIfChanged(path, formatTable({ columns, rows }));
}

export interface ScanRow {
  /** Relative to the session folder, e.g. `anat/sub-01_ses-1_T1w.nii.gz`. */
  readonly filename: string;
  /** `YYYY-MM-DDThh:mm:ss`, or undefined (written `n/a`). */
  readonly acquired: string | undefined;
}

/**
 * The session's scans.tsv: `rows` replace the rows of the same files, rows of `removed` files go,
 * other rows (and extra columns) stay; sorted by filename.
 */
export function updateScans(path: string, rows: readonly ScanRow[], removed: readonly string[]): void {
  const existing = readTable(path);
  const columns = existing?.columns ?? ['filename', 'acq_time'];
  for (const wanted of ['filename', 'acq_time']) if (!columns.includes(wanted)) columns.push(wanted);
  const fileColumn = columns.indexOf('filename');
  const timeColumn = columns.indexOf('acq_time');
  const byFile = new Map<string, string[]>();
  for (const row of existing?.rows ?? []) {
    const padded = columns.map((_, index) => row[index] ?? 'n/a');
    byFile.set(padded[fileColumn]!, padded);
  }
  for (const file of removed) byFile.delete(file);
  for (const row of rows) {
    const cells = byFile.get(row.filename) ?? columns.map(() => 'n/a');
    cells[fileColumn] = row.filename;
    cells[timeColumn] = row.acquired ?? 'n/a';
    byFile.set(row.filename, cells);
  }
  const sorted = [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  writeIfChanged(path, formatTable({ columns, rows: sorted }));
}

/** The acq_time of each file a scans.tsv lists. */
export function scanTimes(path: string): Map<string, string> {
  const table = readTable(path);
  const times = new Map<string, string>();
  if (table === undefined) return times;
  const fileColumn = table.columns.indexOf('filename');
  const timeColumn = table.columns.indexOf('acq_time');
  if (fileColumn < 0 || timeColumn < 0) return times;
  for (const row of table.rows) {
    const time = row[timeColumn];
    if (time !== undefined && time !== 'n/a') times.set(row[fileColumn]!, time);
  }
  return times;
}

/**
 * dataset_description.json: existing fields are kept; Name (given or `radkit import`),
 * BIDSVersion and DatasetType `raw` are added when missing; `GeneratedBy` gets (or refreshes) one
 * radkit entry (BIDS 1.8 §"dataset_description.json").
 */
export function updateDatasetDescription(
  root: string,
  options: {
    readonly name?: string | undefined;
    readonly software: { readonly name: string; readonly version?: string };
  },
): void {
  const path = join(root, 'dataset_description.json');
  const existing: Record<string, unknown> = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : {};
  const generator = {
    Name: options.software.name,
    ...(options.software.version === undefined ? {} : { Version: options.software.version }),
    Description: 'DICOM to NIfTI conversion and BIDS layout (radkit import --layout bids)',
  };
  const others = Array.isArray(existing.GeneratedBy)
    ? (existing.GeneratedBy as unknown[]).filter(
        (entry) => (entry as { Name?: unknown } | null)?.Name !== options.software.name,
      )
    : [];
  const description = {
    Name: options.name ?? 'radkit import',
    BIDSVersion: bidsVersion,
    DatasetType: 'raw',
    ...existing,
    GeneratedBy: [...others, generator],
  };
  writeIfChanged(path, `${JSON.stringify(description, null, 2)}\n`);
}

/** A README when there is none (the validator warns without one); an existing one is the user's. */
export function ensureReadme(root: string): void {
  const path = join(root, 'README');
  if (existsSync(path)) return;
  writeFileAtomic(
    path,
    [
      'This BIDS dataset was written by radkit (`radkit import --layout bids`) from DICOM.',
      '',
      'Each session lists its images with their acquisition times in',
      'sub-<label>/ses-<label>/sub-<label>_ses-<label>_scans.tsv. Images BIDS cannot hold (CT,',
      'derived and unclassified series) are not in this tree; radkit reports them when it imports.',
      '',
    ].join('\n'),
  );
}
