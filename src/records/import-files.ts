/**
 * `importDicom(files)`: copies of DICOM files into the indexed folder (`radkit/<SOP UID>.dcm`),
 * skipping instances whose SOPInstanceUID the index already holds (dbdicom's import_dicom,
 * seed-features.md §3.2). The sources are only read. Non-DICOM files are reported, not fatal.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { reindexPaths } from '../db/index.js';
import { getString } from '../dicom/index.js';
import { readDicomFile } from '../sources/index.js';
import type { IndexContext } from './record.js';

export interface ImportReport {
  /** Paths (relative to the folder) of the copies made. */
  readonly imported: string[];
  /** Sources whose SOPInstanceUID was already indexed. */
  readonly duplicates: string[];
  /** Sources that could not be read as DICOM instances, with why. */
  readonly unreadable: { readonly file: string; readonly message: string }[];
}

export async function importDicomFiles(
  context: IndexContext,
  files: readonly string[],
): Promise<ImportReport> {
  const { store, root, journal } = context;
  const report: ImportReport = { imported: [], duplicates: [], unreadable: [] };
  const seen = new Set<string>();
  let done = 0;
  for (const file of files) {
    context.messaging.status.progress(done++, files.length, 'Importing');
    let sop: string | undefined;
    let keys: { patient_id: string; study_instance_uid: string; series_instance_uid: string };
    try {
      const dataset = readDicomFile(file, { headerOnly: true }).dataset;
      sop = getString(dataset, 'SOPInstanceUID');
      keys = {
        patient_id: getString(dataset, 'PatientID') ?? '',
        study_instance_uid: getString(dataset, 'StudyInstanceUID') ?? '',
        series_instance_uid: getString(dataset, 'SeriesInstanceUID') ?? '',
      };
    } catch (error) {
      report.unreadable.push({ file, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (sop === undefined || sop === '') {
      report.unreadable.push({ file, message: 'no SOPInstanceUID: not an instance' });
      continue;
    }
    const known = await store.db
      .selectFrom('instances')
      .select('id')
      .where('sop_instance_uid', '=', sop)
      .executeTakeFirst();
    if (known !== undefined || seen.has(sop)) {
      report.duplicates.push(file);
      continue;
    }
    seen.add(sop);
    const path = `radkit/${sop}.dcm`;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(file, join(root, path));
    await journal.created(path, { ...keys, sop_instance_uid: sop });
    report.imported.push(path);
  }
  await reindexPaths(store, root, report.imported);
  return report;
}
