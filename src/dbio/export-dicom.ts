/**
 * `exportAsDicom`: the series' files copied, byte for byte, into a new folder named after the
 * record. Each keeps its file name (` [2]`… added if two share one), so a copy can be traced to
 * its source.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../formats/index.js';
import { inputFileName, readWholeFile } from '../sources/index.js';
import { createExportFolder, type ExportedFiles, unusedName } from './export-names.js';

/** Copy `files` into `<parent>/<label as folder name>` (see export-names.ts). */
export function exportAsDicom(files: readonly string[], parent: string, label: string): ExportedFiles {
  const folder = createExportFolder(parent, label);
  const taken = new Set<string>();
  const written = files.map((file) => {
    const target = join(folder, unusedName(inputFileName(file), taken));
    writeFileAtomic(target, readWholeFile(file));
    return target;
  });
  return { folder, files: written };
}
