/**
 * The series of a staged session: one `SeriesInfo` per `dcm/` folder, or, for enhanced
 * multi-frame files, one per group of frames that agree on RADIFOX's matching attributes
 * (`<SeriesInstanceUID>.00`, `.01`, …, numbered from 00 as radifox-convert numbers them),
 * seed-features.md §1.4.2 step 4.
 *
 * As radifox-convert does, the header that describes a folder is that of its first file by
 * name; an enhanced folder is described by the frames of its first file.
 */
import { type Dataset, getString } from '../dicom/index.js';
import { framesAsClassicHeaders, type SeriesInfo, seriesInfoOf } from '../naming/index.js';
import { readDicomFile } from '../sources/index.js';
import { enhancedSopClasses, intraSeriesKey, type StagedFolder } from './stage-dicom.js';

export interface SessionSeries {
  /** The DICOM Series Instance UID (the library's SeriesUID adds `.<NN>`). */
  readonly seriesInstanceUID: string;
  readonly info: SeriesInfo;
  readonly folder: StagedFolder;
  /**
   * For a part of an enhanced file: the 0-based frame numbers of the first file that belong to
   * it, to tell its converted output from its siblings'. Undefined for classic series.
   */
  readonly frames?: ReadonlySet<number>;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function seriesOfStagedFolders(folders: readonly StagedFolder[]): SessionSeries[] {
  const series: SessionSeries[] = [];
  for (const folder of folders) {
    const first = [...folder.files].sort(byName)[0];
    if (first === undefined) continue;
    const header = readDicomFile(first, { headerOnly: true }).dataset;
    const sourcePath = `dcm/${folder.name}`;
    const sopClass = getString(header, 'SOPClassUID') ?? '';
    if (!enhancedSopClasses.has(sopClass)) {
      series.push({
        seriesInstanceUID: getString(header, 'SeriesInstanceUID') ?? folder.name,
        folder,
        info: seriesInfoOf([header], {
          seriesUID: folder.name,
          sourcePath,
          numFiles: folder.files.length,
          multiFrame: false,
        }),
      });
      continue;
    }
    const groups = new Map<string, { headers: Dataset[]; frames: Set<number> }>();
    framesAsClassicHeaders(header).forEach((frame, index) => {
      const key = intraSeriesKey(frame);
      const group = groups.get(key) ?? { headers: [], frames: new Set<number>() };
      group.headers.push(frame);
      group.frames.add(index);
      groups.set(key, group);
    });
    const uid = getString(header, 'SeriesInstanceUID') ?? folder.name;
    [...groups.values()].forEach((group, n) => {
      series.push({
        seriesInstanceUID: uid,
        folder,
        frames: group.frames,
        info: seriesInfoOf(group.headers, {
          seriesUID: `${uid}.${String(n).padStart(2, '0')}`,
          sourcePath,
          numFiles: group.headers.length,
          multiFrame: true,
        }),
      });
    });
  }
  return series;
}
