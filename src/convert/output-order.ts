/**
 * The voxel order of a converted DICOM volume, by format and options:
 *
 * - NIfTI, NRRD, MetaImage, NumPy: dcm2niix's layout (output-layout.ts), so every volume format
 *   holds the same array as the NIfTI and compares one to one with dcm2niix's;
 * - DICOM and PNG: the source's own order (i along a row, j down the columns, k along the
 *   normal), so a series goes back as it came and slices look as a DICOM viewer shows them;
 * - with an orientation asked for: reoriented to it, whatever the format.
 *
 * The sidecar and diffusion tables are made for dcm2niix's layout; the mapping from that layout
 * to the output carries them over (axis-mapping.ts).
 */
import type { OrientationConvention } from '../geometry/index.js';
import type { Volume } from '../volume/index.js';
import { type AxisMapping, affineDeterminant, axisMappingBetween, identityMapping } from './axis-mapping.js';
import type { OutputFormat } from './output-format.js';
import { applyLayout, type Layout, layoutAffine } from './output-layout.js';
import { reorientVolume } from './read-image.js';

export interface OutputOrder {
  /** The volume in the output's voxel order. */
  readonly volume: Volume;
  /** From dcm2niix's layout to the output's axes. */
  readonly mapping: AxisMapping;
  /** The determinants of the layout's and the output's affines (for FSL's bvec convention). */
  readonly determinants: { readonly from: number; readonly to: number };
  /** How the voxels are ordered, for `--explain`. */
  readonly explanation: string;
}

export interface OrientationRequest {
  readonly orientation?: string | undefined;
  readonly convention?: OrientationConvention | undefined;
}

const layoutExplanation: Readonly<Record<Layout, string>> = {
  'rows-flipped': 'rows written bottom-up (dcm2niix order)',
  'nearest-ras': '3D acquisition: reoriented to the nearest RAS (dcm2niix order)',
};

/**
 * `volume` (as assembled, in DICOM order) in the order `format` and `request` ask for. When that
 * is dcm2niix's layout the rows are flipped in place: the caller must not use `volume` again.
 */
export function outputOrder(
  volume: Volume,
  layout: Layout,
  format: OutputFormat,
  request: OrientationRequest,
): OutputOrder {
  const dicomOrder = format === 'dicom' || format === 'png';
  if (request.orientation === undefined && !dicomOrder) {
    const out = applyLayout(volume, layout, { inPlace: true });
    const determinant = affineDeterminant(out.geometry.affine);
    return {
      volume: out,
      mapping: identityMapping,
      determinants: { from: determinant, to: determinant },
      explanation: layoutExplanation[layout],
    };
  }
  const from = layoutAffine(volume, layout);
  const out =
    request.orientation === undefined
      ? { volume, orientation: undefined }
      : reorientVolume(
          volume,
          {
            orientation: request.orientation,
            ...(request.convention === undefined ? {} : { convention: request.convention }),
          },
          // As applyLayout above: the caller's volume is not used for its voxels again.
          { inPlace: true },
        );
  return {
    volume: out.volume,
    mapping: axisMappingBetween(from, out.volume.geometry.affine),
    determinants: { from: affineDeterminant(from), to: affineDeterminant(out.volume.geometry.affine) },
    explanation:
      out.orientation === undefined
        ? 'DICOM order kept: i along a row, j down the columns, k along the slice normal'
        : `reoriented to ${out.orientation.codes} (${out.orientation.convention} convention)`,
  };
}
