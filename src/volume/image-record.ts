/**
 * `ImageRecord`: one 2D image as the volume builder sees it — a single-frame instance, one frame
 * of a multi-frame instance, or one tile of a mosaic — with the attributes that decide which
 * volume it belongs to and where it goes in it, and where its pixels are.
 *
 * Records are small on purpose: a 20,000-file series must not keep 20,000 headers alive. The
 * header itself stays with the caller. The records a conversion or `readImage` makes go further
 * and share their series' values (shared-record-values.ts): those values are getters, so such a
 * record is copied whole through JSON (it has `toJSON`), not by spreading it.
 */
import type { OverlayPlane } from '../dicom/index.js';
import type { Vec3 } from '../geometry/index.js';
import type { SiemensSliceTiming } from './vendors/index.js';

/** Which of a complex image's parts an image holds (PS3.3 C.8.13.3.1.1 Complex Image Component). */
export type ComplexComponent = 'magnitude' | 'phase' | 'real' | 'imaginary' | 'mixed' | 'fieldmaphz';

/** Where an image's pixels are: a file, a frame in it, and (for a mosaic) a tile of that frame. */
export interface ImageSource {
  /** The file the image came from (path or archive member name). */
  readonly file: string;
  /** 0-based frame in that file. */
  readonly frame: number;
  /** For a mosaic: the tile, in row-major tile order, and the grid of tiles. */
  readonly tile?: { readonly index: number; readonly columnsOfTiles: number; readonly rowsOfTiles: number };
}

export interface DiffusionWeighting {
  readonly bValue: number;
  readonly gradient: Vec3 | undefined;
  readonly frame?: 'patient' | 'image' | 'uih';
}

/**
 * A PET image's frame timing (PS3.3 C.8.9.4 PET Image module), as the header gives it: what
 * orders a dynamic series' frames and what the sidecar reports per frame.
 */
export interface PetFrameTiming {
  /** Frame Reference Time (0054,1300), ms from the series' reference time. */
  readonly frameReferenceTime: number | undefined;
  /** Actual Frame Duration (0018,1242), ms. */
  readonly actualFrameDuration: number | undefined;
  /** Decay Factor (0054,1321). */
  readonly decayFactor: number | undefined;
}

export interface ImageRecord {
  readonly source: ImageSource;
  readonly seriesInstanceUID: string;
  /**
   * What groups images before any other criterion: the Series Instance UID, except where the
   * vendor scatters one acquisition over several series (Siemens XA classic single-slice files:
   * their Series Time, dcm2niix issue 394).
   */
  readonly bucket: string;
  /** Series of one bucket may differ in Series Number and still stack (dcm2niix's isStackableSeries). */
  readonly stackable: boolean;
  readonly seriesNumber: number | undefined;
  readonly instanceNumber: number | undefined;
  readonly acquisitionNumber: number | undefined;
  readonly sopInstanceUID: string | undefined;
  /** Rows and columns of this image (of the tile, for a mosaic). */
  readonly rows: number;
  readonly columns: number;
  /** Image Orientation (Patient): row cosines then column cosines, LPS. */
  readonly orientation: readonly number[] | undefined;
  /** Image Position (Patient) of the first voxel's centre, LPS mm (corrected for mosaic tiles). */
  readonly position: Vec3 | undefined;
  /** Pixel Spacing: [between rows (along j), between columns (along i)], mm. */
  readonly pixelSpacing: readonly [number, number] | undefined;
  readonly sliceThickness: number | undefined;
  /** Spacing Between Slices (0018,0088), which a single slice's voxel depth comes from first. */
  readonly spacingBetweenSlices?: number | undefined;
  readonly echoTime: number | undefined;
  readonly echoNumber: number | undefined;
  readonly repetitionTime: number | undefined;
  readonly inversionTime: number | undefined;
  readonly flipAngle: number | undefined;
  /** ImageType values (upper case), e.g. ORIGINAL, PRIMARY, M, ND. */
  readonly imageType: readonly string[];
  readonly complexComponent: ComplexComponent | undefined;
  /** Acquisition time of this image, seconds since midnight. */
  readonly acquisitionTime: number | undefined;
  readonly triggerTime: number | undefined;
  readonly temporalPositionIdentifier: number | undefined;
  /** PET frame timing, when the header has any of it (else undefined). */
  readonly petFrame?: PetFrameTiming | undefined;
  /** Segmentation frames: the segment they belong to (Referenced Segment Number, PS3.3 C.8.20.3). */
  readonly segment?: number | undefined;
  /** The value of the attribute the caller orders volumes by (`VolumeOrder.keyword`), if asked. */
  readonly orderValue?: number | undefined;
  /** Enhanced frames: Dimension Index Values without the spatial index, which order volumes. */
  readonly dimensionOrder?: readonly number[] | undefined;
  /**
   * Diffusion weighting, when the image has it: b in s/mm² and the gradient, in the frame the
   * vendor gives it: 'patient' (LPS: standard attributes, Siemens, Philips), 'image' (GE: phase,
   * frequency, slice) or 'uih' (UIH's own, only y reversed on output).
   */
  readonly diffusion: DiffusionWeighting | undefined;
  /** Bits Allocated, Pixel Representation etc. matter for stacking: images must agree. */
  readonly pixelFormat: string;
  /**
   * The direction slice k must run along in the output, when the source decides it (Siemens
   * mosaics: their slice normal, reversed for "H>>F" numbering); else the normal row × column.
   */
  readonly sliceDirection?: Vec3 | undefined;
  /** Rescale Slope and Intercept (PS3.3 C.11.1), 1 and 0 when absent. */
  readonly rescale: { readonly slope: number; readonly intercept: number };
  /**
   * The overlay planes of the image's file (PS3.3 C.9.2), when it has any: a mosaic's tiles and
   * a multi-frame file's frames share them, and each plane says which frames it covers.
   */
  readonly overlays?: readonly OverlayPlane[] | undefined;
  /**
   * Siemens mosaic tiles: their file's slice times (tile order; one object shared by the tiles),
   * so that a series can compare its first two volumes' (`seriesMosaicSliceTiming`).
   */
  readonly mosaicSliceTiming?: SiemensSliceTiming | undefined;
}
