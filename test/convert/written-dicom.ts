/**
 * Checks for DICOM series radkit wrote in these tests: dciodvfy's "Error" lines (none expected),
 * and the attributes pydicom reads from each file (patient, study, series).
 */
import { spawnSync } from 'node:child_process';
import { referencePython } from '../support/requirements.js';

/** dciodvfy's "Error" lines for each file, and the number of warnings over all of them. */
export function dciodvfyErrors(paths: readonly string[]): { errors: string[]; warnings: number } {
  const errors: string[] = [];
  let warnings = 0;
  for (const path of paths) {
    const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    errors.push(...lines.filter((line) => line.startsWith('Error')).map((line) => `${path}: ${line}`));
    warnings += lines.filter((line) => line.startsWith('Warning')).length;
  }
  return { errors, warnings };
}

export const seriesKeys = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'StudyInstanceUID',
  'StudyDescription',
  'SeriesInstanceUID',
  'SeriesNumber',
  'SeriesDescription',
] as const;

export type SeriesAttributes = Record<(typeof seriesKeys)[number], string | null>;

const script = `
import json, sys, pydicom
keys = json.loads(sys.argv[1])
rows = []
for path in sys.argv[2:]:
    ds = pydicom.dcmread(path)
    rows.append({key: str(ds[key].value) if key in ds else None for key in keys})
print(json.dumps(rows))
`;

/** pydicom's reading of the patient, study and series attributes of each file. */
export function pydicomAttributes(paths: readonly string[]): SeriesAttributes[] {
  const run = spawnSync(referencePython, ['-c', script, JSON.stringify(seriesKeys), ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`pydicom failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as SeriesAttributes[];
}
