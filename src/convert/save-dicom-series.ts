/**
 * `saveDicomSeries`: a volume as a new DICOM series (formats/dicom-series) with a template's
 * patient and study, the template given as a dataset or found on disk, in the spirit of
 * imagedata's `write(..., formats=['dicom'], template=...)`.
 *
 * A classic DICOM image has no slice direction of its own: readers stack slices along
 * row × column (PS3.3 C.7.6.2.1.1), so a left-handed voxel grid cannot be written as it is. NIfTI
 * files made from DICOM (dcm2niix, `radkit convert`) are left-handed because their rows were
 * reversed to show upright in NIfTI viewers; `fixHandedness` reverses them back, which restores
 * the source's own row order (the images show upright in a DICOM viewer too) and makes
 * DICOM → NIfTI → DICOM give the original images.
 */
import { type Dataset, getString } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { DicomSeriesError, type WriteDicomSeriesOptions, writeDicomSeries } from '../formats/index.js';
import { listFiles, readDicomFile } from '../sources/index.js';
import { flipRows, type Volume } from '../volume/index.js';
import { affineDeterminant } from './axis-mapping.js';

export interface SaveDicomSeriesOptions extends Omit<WriteDicomSeriesOptions, 'template' | 'fixHandedness'> {
  /**
   * Whose patient, study and equipment the series gets: a dataset (e.g. `readImage(...).source.header`),
   * or a DICOM file, or a folder whose first DICOM file (in sorted order) is used.
   */
  readonly template?: Dataset | string;
  /** Write a left-handed volume with its rows (j) reversed instead of refusing it. */
  readonly fixHandedness?: boolean;
}

export interface SavedDicomSeries {
  /** The files written, in Instance Number order. */
  readonly paths: readonly string[];
  /** True when the rows were reversed to make a left-handed volume right-handed. */
  readonly rowsReversed: boolean;
}

/** No DICOM file with a study (Study Instance UID) was found where a template was looked for. */
export class DicomTemplateError extends RadkitError {
  override readonly name: string = 'DicomTemplateError';
  constructor(path: string, files: number) {
    super(
      'dicom-template',
      `no DICOM file with a Study Instance UID was found in ${path} (${files} file(s) looked at).`,
      {
        hint: 'Give a DICOM image file, or a folder holding the series the output belongs with.',
      },
    );
  }
}

/**
 * The template at `path`: the file itself, or the first file under the folder that reads as
 * DICOM and belongs to a study (a DICOMDIR or other non-image file without one is passed over).
 */
export function readDicomTemplate(path: string): Dataset {
  const files = listFiles([path]);
  for (const file of files) {
    let dataset: Dataset;
    try {
      dataset = readDicomFile(file, { headerOnly: true }).dataset;
    } catch (error) {
      if (error instanceof RadkitError) continue;
      throw error;
    }
    if ((getString(dataset, 'StudyInstanceUID') ?? '').trim() !== '') return dataset;
  }
  throw new DicomTemplateError(path, files.length);
}

/** Refuse a left-handed volume with what to do, or reverse its rows when asked. */
function rightHanded(volume: Volume, fix: boolean): { volume: Volume; rowsReversed: boolean } {
  if (affineDeterminant(volume.geometry.affine) >= 0) return { volume, rowsReversed: false };
  if (fix) return { volume: flipRows(volume), rowsReversed: true };
  throw new DicomSeriesError(
    'left-handed',
    'the volume is left-handed (its slices advance against row × column), which a classic DICOM series cannot hold; NIfTI files made from DICOM usually are, because their rows were reversed.',
    {
      hint: 'Pass fixHandedness: true (radkit convert --fix-handedness) to reverse the rows back; no voxel moves in the patient.',
    },
  );
}

/** Write `volume` into `folder` as a new series and return the files written. */
export async function saveDicomSeries(
  folder: string,
  volume: Volume,
  options: SaveDicomSeriesOptions = {},
): Promise<SavedDicomSeries> {
  const { template, fixHandedness, ...rest } = options;
  const checked = rightHanded(volume, fixHandedness === true);
  const dataset = typeof template === 'string' ? readDicomTemplate(template) : template;
  const paths = await writeDicomSeries(folder, checked.volume, {
    ...rest,
    ...(dataset === undefined ? {} : { template: dataset }),
  });
  return { paths, rowsReversed: checked.rowsReversed };
}
