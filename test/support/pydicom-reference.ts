/**
 * Running pydicom 2.3 (test/reference/pydicom_json.py) over many files in one process.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePython } from './requirements.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'reference', 'pydicom_json.py');

export interface PydicomElementJson {
  vr?: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
  error?: string;
}

export interface PydicomRecord {
  path: string;
  read: 'ok' | 'force' | 'error';
  error?: string;
  elements?: Record<string, PydicomElementJson>;
}

/** pydicom's reading of each file: how it read (or failed) and its JSON, element by element. */
export function pydicomJson(paths: readonly string[]): Map<string, PydicomRecord> {
  const result = spawnSync(referencePython, [script], {
    input: `${paths.join('\n')}\n`,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pydicom_json.py failed: ${result.stderr}`);
  const records = new Map<string, PydicomRecord>();
  for (const line of result.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as PydicomRecord;
    records.set(record.path, record);
  }
  return records;
}
