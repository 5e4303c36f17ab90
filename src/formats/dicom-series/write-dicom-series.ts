/**
 * `writeDicomSeries`: a volume as a folder of DICOM Part 10 files, one single-frame image per
 * file, or with `enhanced` one Enhanced MR or CT Image file holding every frame, in Explicit VR
 * Little Endian (the transfer syntax every DICOM application accepts, PS3.5 §A.2), each written
 * atomically.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, ExplicitVRLittleEndian, encodeDicomFile, getString } from '../../dicom/index.js';
import type { Volume } from '../../volume/index.js';
import { OutputFileError, writeFileAtomic } from '../write-output.js';
import { volumeToEnhancedDataset } from './enhanced-dataset.js';
import type { DicomSeriesOptions } from './series-elements.js';
import { volumeToDatasets } from './volume-datasets.js';

export interface WriteDicomSeriesOptions extends DicomSeriesOptions {
  /**
   * File names: `instance-number` (default) gives `0001.dcm`, `0002.dcm`… (at least 4 digits, so
   * names sort as the images do); `sop-instance-uid` gives `<SOP Instance UID>.dcm`.
   */
  readonly fileNames?: 'instance-number' | 'sop-instance-uid';
  /** One Enhanced MR or CT Image instance of all frames (`volumeToEnhancedDataset`), `0001.dcm`. */
  readonly enhanced?: boolean;
}

function fileName(
  dataset: Dataset,
  index: number,
  count: number,
  style: WriteDicomSeriesOptions['fileNames'],
): string {
  if (style === 'sop-instance-uid') return `${getString(dataset, 'SOPInstanceUID')}.dcm`;
  return `${String(index + 1).padStart(Math.max(4, String(count).length), '0')}.dcm`;
}

/**
 * Write `volume` into `folder` (made when missing) as a new series (`volumeToDatasets`, or
 * `volumeToEnhancedDataset` when `enhanced`) and return the paths written, in Instance Number
 * order. Files of the same names are replaced.
 */
export async function writeDicomSeries(
  folder: string,
  volume: Volume,
  options: WriteDicomSeriesOptions = {},
): Promise<string[]> {
  const datasets =
    options.enhanced === true
      ? [volumeToEnhancedDataset(volume, options)]
      : volumeToDatasets(volume, options);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (cause) {
    throw new OutputFileError(folder, cause);
  }
  return datasets.map((dataset, index) => {
    const path = join(folder, fileName(dataset, index, datasets.length, options.fileNames));
    writeFileAtomic(path, encodeDicomFile(dataset, { transferSyntaxUID: ExplicitVRLittleEndian.uid }));
    return path;
  });
}
