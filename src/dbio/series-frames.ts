/**
 * The frames of a series one at a time, each with the name its exported file gets: for per-frame
 * exports (PNG, CSV), which need only one file's pixels in memory at a time. Frames come in
 * Instance Number order, then file order, then frame order.
 */
import { DicomValueError, type PaletteLut, readPaletteLut, resolveTag } from '../dicom/index.js';
import { readDicomFile, readDicomHeader } from '../sources/index.js';
import { instanceLabel, unusedName } from './export-names.js';
import { compareFrameValues, frameValue } from './frame-attribute.js';
import { type FramePixels, readFramePixels } from './frame-pixels.js';

export interface NamedFrame extends FramePixels {
  /** The instance label, with ` frame <k>` (1-based) for frames of a multi-frame file. */
  readonly name: string;
  readonly file: string;
  /** 0-based frame within the file. */
  readonly frame: number;
  /** A PALETTE COLOR image's tables (whose indices `values` then are), when they can be read. */
  readonly palette?: PaletteLut;
  /** Why a PALETTE COLOR image's tables cannot be read: `values` are the bare indices. */
  readonly paletteUnreadable?: string;
}

/**
 * The file's palette, if it has one: tables that cannot be read leave the picture grey, not lost,
 * and the reason goes with its frames so that the export can say so.
 */
function paletteOf(
  dataset: Parameters<typeof readPaletteLut>[0],
): Pick<NamedFrame, 'palette' | 'paletteUnreadable'> {
  try {
    const palette = readPaletteLut(dataset);
    return palette === undefined ? {} : { palette };
  } catch (error) {
    if (error instanceof DicomValueError) return { paletteUnreadable: error.message };
    throw error;
  }
}

/** The frames of `files`, rescaled, each named uniquely within the series. */
export async function* seriesFrames(files: readonly string[]): AsyncGenerator<NamedFrame> {
  const headers = files.map((path, index) => {
    const { dataset } = readDicomHeader(path).file;
    const frames = frameValue(dataset.get(resolveTag('NumberOfFrames')));
    return {
      path,
      index,
      label: instanceLabel(dataset),
      instanceNumber: frameValue(dataset.get(resolveTag('InstanceNumber'))),
      frames: typeof frames === 'number' && frames > 1 ? frames : 1,
    };
  });
  headers.sort((a, b) => compareFrameValues(a.instanceNumber, b.instanceNumber) || a.index - b.index);
  const taken = new Set<string>();
  for (const header of headers) {
    const indexes = Array.from({ length: header.frames }, (_, frame) => frame);
    const file = readDicomFile(header.path);
    const pixels = await readFramePixels(file, header.path, indexes);
    const palette = paletteOf(file.dataset);
    const digits = String(header.frames).length;
    for (const [frame, image] of pixels.entries()) {
      const suffix = header.frames > 1 ? ` frame ${String(frame + 1).padStart(digits, '0')}` : '';
      const name = unusedName(`${header.label}${suffix}`, taken);
      yield { ...image, name, file: header.path, frame, ...palette };
    }
  }
}
