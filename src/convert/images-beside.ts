/**
 * Images written beside an output, as dcm2niix writes them, without a sidecar of their own:
 * its overlay planes (`_ROI<n>`, overlay-outputs.ts) and, when asked for, its resampled copy
 * (`_Tilt_1`, `_Eq_1` or `_Tilt_Eq_1`: gantry tilt and uneven spacing corrected). The output
 * itself stays as acquired, so nothing the scanner measured is replaced by an interpolation.
 */
import { basename, join } from 'node:path';
import type { Dataset } from '../dicom/index.js';
import type { NiftiImage } from '../formats/index.js';
import type { Stack, Volume, VolumeIssue, VolumeOrder } from '../volume/index.js';
import type { ConvertOptions } from './convert-dicom.js';
import { niftiImageInOrder } from './nifti-fields.js';
import type { OutputFormat } from './output-format.js';
import { type Layout, layoutFor } from './output-layout.js';
import { outputOrder } from './output-order.js';
import { overlayName, stackOverlays } from './overlay-outputs.js';
import type { StackVolume } from './stack-volume.js';
import type { VolumeOutputTarget } from './write-volume-output.js';

export interface ImageBeside {
  readonly kind: 'overlay' | 'resampled';
  readonly path: string;
  /** In its output voxel order. */
  readonly volume: Volume;
  readonly target: VolumeOutputTarget;
}

/**
 * An overlay's NIfTI image: the image's header fields (affine, TR, description, dim_info,
 * slice_code), with the overlay's 0/1 voxels unscaled, as dcm2niix copies them.
 */
function overlayNifti(image: NiftiImage, overlay: Volume): NiftiImage {
  const { rgb: _rgb, intentCode: _intent, ...fields } = image;
  return { ...fields, data: overlay.data, affine: overlay.geometry.affine, sclSlope: 1, sclInter: 0 };
}

/** dcm2niix's suffix for a copy resampled as `volume`'s Issues say: `_Tilt_1`, `_Eq_1`, `_Tilt_Eq_1`. */
function resampledSuffix(volume: Volume): string {
  const tilt = volume.issues.some((issue) => issue.code === 'gantry-tilt-resampled');
  const even = volume.issues.some((issue) => issue.code === 'spacing-resampled');
  return `${tilt ? '_Tilt' : ''}${even ? '_Eq' : ''}_1`;
}

/** The Issues that say what a resampling did, which the output (as acquired) did not undergo. */
const resamplingCodes: ReadonlySet<string> = new Set(['gantry-tilt-resampled', 'spacing-resampled']);

/**
 * `issues` with those that describe the resampled copy saying so and naming it: the output they
 * are reported with is the acquired volume, and "resampled to 5 slices" read there is wrong.
 */
export function aboutTheCopy(issues: readonly VolumeIssue[], images: readonly ImageBeside[]): VolumeIssue[] {
  const copy = images.find((image) => image.kind === 'resampled');
  if (copy === undefined) return [...issues];
  return issues.map((issue) =>
    resamplingCodes.has(issue.code)
      ? { ...issue, message: `in the copy beside the output, ${basename(copy.path)}: ${issue.message}` }
      : issue,
  );
}

/** The stacked volume's resampled copy, when resampling was asked for and changed the voxels. */
function resampledCopy(stacked: StackVolume): Volume | undefined {
  return stacked.volume.data.data === stacked.acquired.data.data ? undefined : stacked.volume;
}

export interface BesideContext {
  readonly stack: Stack;
  readonly stacked: StackVolume;
  /** The output's own layout, header fields and target, which overlays share. */
  readonly layout: Layout;
  readonly described: Dataset;
  readonly nifti: NiftiImage | undefined;
  readonly target: VolumeOutputTarget;
  readonly format: OutputFormat;
  readonly options: ConvertOptions;
  readonly volumeOrder: VolumeOrder | undefined;
  readonly outputFolder: string;
  readonly base: string;
  readonly extension: string;
  /** Names taken by this run: the images beside take theirs too. */
  readonly taken: Set<string>;
}

/** What goes beside one output, and what could not (Issues). */
export async function imagesBeside(
  context: BesideContext,
): Promise<{ readonly images: ImageBeside[]; readonly issues: readonly VolumeIssue[] }> {
  const { stacked, format, options, outputFolder, extension } = context;
  const place = (name: string) => {
    context.taken.add(name);
    return join(outputFolder, `${name}${extension}`);
  };
  const found =
    options.overlays === false
      ? { volumes: [], issues: [] }
      : await stackOverlays(context.stack, stacked.layout, format, context.volumeOrder);
  const images: ImageBeside[] = found.volumes.map(({ index, volume }) => {
    // The image's layout and orientation, so the overlay's voxels lie over the image's.
    const ordered = outputOrder(volume, context.layout, format, options).volume;
    const nifti = context.nifti === undefined ? undefined : overlayNifti(context.nifti, ordered);
    return {
      kind: 'overlay',
      path: place(overlayName(context.base, index)),
      volume: ordered,
      target: { ...context.target, nifti },
    };
  });
  const resampled = resampledCopy(stacked);
  // A header table lists the same files whatever was resampled: no copy.
  if (resampled !== undefined && format !== 'csv') {
    const order = outputOrder(resampled, layoutFor(resampled, stacked.header), format, options);
    const nifti = format === 'nifti' ? niftiImageInOrder(order, context.described) : undefined;
    images.push({
      kind: 'resampled',
      path: place(`${context.base}${resampledSuffix(resampled)}`),
      volume: order.volume,
      target: { ...context.target, nifti },
    });
  }
  return { images, issues: found.issues };
}
