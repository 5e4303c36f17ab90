/**
 * Ordering a stack's images into slices and volumes: slices by their position along the slice
 * normal (row cosines × column cosines, PS3.3 C.7.6.2.1.1), volumes by time, and checking that
 * the result is a complete, evenly spaced box.
 */
import type { Vec3 } from '../geometry/index.js';
import { type Stack, stackLocation } from './group-stacks.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue, VolumeIssueCode } from './issues.js';
import type { VolumeOrder } from './volume-order.js';

export interface SliceLayout {
  /** Unit normal of the slices (row × column), LPS. */
  readonly normal: Vec3;
  /** Position of each slice along `normal`, mm, ascending (k order). */
  readonly positions: readonly number[];
  /** The images, volume by volume then slice by slice: `grid[t][k]`. */
  readonly grid: readonly (readonly ImageRecord[])[];
  /** The mean step from one slice's first voxel to the next's (LPS mm): carries any tilt. */
  readonly sliceStep: Vec3;
  /** How the order was decided, for `--explain`. */
  readonly sortedBy: string;
  readonly issues: VolumeIssue[];
}

/** Positions closer than this along the normal are the same slice (mm). */
const samePositionMm = 0.01;
/** Spacing may vary by this fraction before it is uneven (scanner rounding of positions). */
const spacingTolerance = 0.01;
/** Tilt below this angle is rounding, not tilt (degrees). */
const tiltToleranceDegrees = 0.05;

function cross(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(...v);
  return length === 0 ? v : [v[0] / length, v[1] / length, v[2] / length];
}

/**
 * Volume order within one position: a PET frame's Frame Reference Time (PS3.3 C.8.9.4.1.5),
 * then instance number, acquisition time, temporal position and frame. That is dcm2niix's order:
 * it sorts by series and instance number first, which is the scanner's acquisition order for
 * every vendor in the corpus, and then reorders PET frames by their reference time (its issue
 * 577), since PET scanners number images in other ways (GE restarts at 1 each frame).
 */
function byTime(a: ImageRecord, b: ImageRecord): number {
  const da = a.dimensionOrder ?? [];
  const db = b.dimensionOrder ?? [];
  for (let n = 0; n < Math.min(da.length, db.length); n++) if (da[n] !== db[n]) return da[n]! - db[n]!;
  const keys: ((r: ImageRecord) => number | undefined)[] = [
    (r) => r.petFrame?.frameReferenceTime,
    (r) => r.instanceNumber,
    (r) => r.acquisitionTime,
    (r) => r.temporalPositionIdentifier,
    (r) => r.source.frame,
  ];
  for (const key of keys) {
    const x = key(a);
    const y = key(b);
    if (x !== undefined && y !== undefined && x !== y) return x - y;
  }
  return 0;
}

function issue(
  stack: Stack,
  code: VolumeIssueCode,
  severity: VolumeIssue['severity'],
  message: string,
): VolumeIssue {
  return { code, severity, message, where: stackLocation(stack) };
}

/**
 * The voxel depth of a slice that has no neighbour to measure from: Spacing Between Slices when
 * positive, else Slice Thickness (dcm2niix's order), else 1 mm, since a zero step would make the
 * affine singular.
 */
function singleSliceDepth(record: ImageRecord): number {
  for (const depth of [record.spacingBetweenSlices, record.sliceThickness])
    if (depth !== undefined && depth > 0) return depth;
  return 1;
}

type Placed = { record: ImageRecord; distance: number };
type Slice = { distance: number; images: ImageRecord[] };

/** Images at one position (to `samePositionMm`) are one slice; `placed` is sorted by distance. */
function clusterPositions(placed: readonly Placed[]): Slice[] {
  const slices: Slice[] = [];
  for (const { record, distance } of placed) {
    const last = slices[slices.length - 1];
    if (last !== undefined && Math.abs(distance - last.distance) < samePositionMm) last.images.push(record);
    else slices.push({ distance, images: [record] });
  }
  return slices;
}

/**
 * Mosaics: each file (frame) is one whole volume, as the scanner wrote it, even when a later
 * volume was placed elsewhere (nibabel's 0.dcm and 1.dcm, 3 mm apart): slice k of each volume is
 * its k-th tile along the direction, and the positions are the first volume's. A volume that
 * moved is said; clustering all tiles by position would mix the volumes.
 */
function mosaicSlices(stack: Stack, placed: readonly Placed[], issues: VolumeIssue[]): Slice[] {
  const byVolume = new Map<string, Placed[]>();
  for (const item of placed) {
    const key = `${item.record.source.file}\u0000${item.record.source.frame}`;
    const volume = byVolume.get(key);
    if (volume === undefined) byVolume.set(key, [item]);
    else volume.push(item);
  }
  const volumes = [...byVolume.values()].sort((a, b) => byTime(a[0]!.record, b[0]!.record));
  const first = volumes[0]!;
  const slices: Slice[] = first.map(({ distance }) => ({ distance, images: [] }));
  let moved = 0;
  for (const volume of volumes) {
    volume.forEach(({ record, distance }, k) => {
      const slice = slices[k];
      if (slice === undefined) return;
      slice.images.push(record);
      moved = Math.max(moved, Math.abs(distance - slice.distance));
    });
  }
  if (moved >= samePositionMm) {
    issues.push(
      issue(
        stack,
        'moved-volumes',
        'warning',
        `the mosaics are not all at the same place: slices lie up to ${moved.toFixed(2)} mm from the first volume's along the normal; the affine is the first volume's`,
      ),
    );
  }
  return slices;
}

export interface SortOptions {
  /**
   * The direction along which slice k increases (LPS). Default: the normal, row × column, which
   * is where dcm2niix puts classic slices. Siemens mosaics follow their own slice normal instead.
   */
  readonly direction?: Vec3;
  /** Order volumes by this (then by time) instead of by time alone. */
  readonly volumeOrder?: VolumeOrder;
}

/**
 * The stack without repeated instances: the same SOP Instance UID and frame (and tile) found in
 * several files — copies made by an export, or one image saved in several transfer syntaxes. The
 * first one read is kept, as dcm2niix keeps one ("DUPLICATES REMOVED").
 */
function withoutDuplicates(stack: Stack, issues: VolumeIssue[]): readonly ImageRecord[] {
  const kept = new Map<string, ImageRecord>();
  const repeats: { copy: ImageRecord; original: ImageRecord }[] = [];
  for (const record of stack.records) {
    if (record.sopInstanceUID === undefined) return stack.records;
    const key = `${record.sopInstanceUID}|${record.source.frame}|${record.source.tile?.index ?? ''}`;
    const original = kept.get(key);
    if (original === undefined) kept.set(key, record);
    else repeats.push({ copy: record, original });
  }
  if (repeats.length === 0) return stack.records;
  const { copy, original } = repeats[0]!;
  issues.push(
    issue(
      stack,
      'duplicate-instance',
      'warning',
      `${repeats.length} image(s) repeat an instance already read (e.g. ${copy.source.file} repeats ${original.source.file}); one copy of each was kept`,
    ),
  );
  return [...kept.values()];
}

/**
 * What tells two images at one position apart; equal keys mean nothing does. Instance number is
 * part of it, as in dcm2niix's duplicate test: GE fMRI slices share one acquisition time and
 * differ only there.
 */
function timeKey(record: ImageRecord): string {
  const d = record.diffusion;
  return [
    record.instanceNumber,
    record.petFrame?.frameReferenceTime,
    record.acquisitionNumber,
    record.acquisitionTime,
    record.triggerTime,
    record.temporalPositionIdentifier,
    record.dimensionOrder?.join(','),
    d === undefined ? '' : `${d.bValue}:${d.gradient?.join(',') ?? ''}`,
  ].join('|');
}

/**
 * Whether every image's `timeKey` differs. One part of the key that alone tells every image
 * apart settles it without making the keys (strings of up to seven numbers each): `sortSlices`
 * on dcm_qa_canon_61's 520 frames, which share one instance number but not their diffusion
 * weighting, went from 6.6 to 1.3 ms (CPU profiles, mean of 6).
 */
function allTimesDiffer(images: readonly ImageRecord[]): boolean {
  const parts: ((record: ImageRecord) => unknown)[] = [
    (record) => record.instanceNumber,
    (record) => record.acquisitionTime,
    (record) => record.temporalPositionIdentifier,
    (record) => record.diffusion?.bValue,
  ];
  if (parts.some((part) => new Set(images.map(part)).size === images.length)) return true;
  return new Set(images.map(timeKey)).size === images.length;
}

/** Positions whose images nothing orders in time: the volumes are stacked by instance number only. */
function checkDuplicatePositions(
  stack: Stack,
  slices: readonly { distance: number; images: ImageRecord[] }[],
  issues: VolumeIssue[],
): void {
  const suspect = slices.filter((slice) => slice.images.length > 1 && !allTimesDiffer(slice.images));
  if (suspect.length === 0) return;
  issues.push(
    issue(
      stack,
      'duplicate-position',
      'warning',
      `${suspect.length} slice position(s) (first at ${suspect[0]!.distance.toFixed(2)} mm) hold images with the same instance and acquisition numbers, time, temporal position and diffusion weighting; they were made separate volumes in the order read`,
    ),
  );
}

/** Sort a stack into slices and volumes and check it. */
export function sortSlices(stack: Stack, options: SortOptions = {}): SliceLayout {
  const issues: VolumeIssue[] = [];
  const records = withoutDuplicates(stack, issues);
  const first = records[0]!;
  if (first.orientation === undefined || records.some((r) => r.position === undefined)) {
    // One projection image (CR, DX, secondary capture) has no patient geometry by nature; several
    // images without it are stacked on a guess.
    issues.push(
      records.length > 1
        ? issue(
            stack,
            'missing-geometry',
            'warning',
            'images lack Image Position/Orientation (Patient); stacked by instance number, with an identity orientation',
          )
        : issue(
            stack,
            'missing-geometry',
            'info',
            'the image has no Image Position/Orientation (Patient); its affine is an identity orientation with the pixel spacing',
          ),
    );
    const ordered = [...records].sort(
      (a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || a.source.frame - b.source.frame,
    );
    const thickness = singleSliceDepth(first);
    return {
      normal: [0, 0, 1],
      positions: ordered.map((_, k) => k * thickness),
      grid: [ordered],
      sliceStep: [0, 0, thickness],
      sortedBy: 'instance number (no geometry)',
      issues,
    };
  }
  const normal = normalize(cross(first.orientation.slice(0, 3), first.orientation.slice(3, 6)));
  const chosen = options.direction ?? first.sliceDirection;
  const direction = chosen === undefined ? normal : normalize(chosen);
  const withDistance = records.map((record) => ({ record, distance: dot(record.position!, direction) }));
  withDistance.sort((a, b) => a.distance - b.distance);

  const slices = records.every((record) => record.source.tile !== undefined)
    ? mosaicSlices(stack, withDistance, issues)
    : clusterPositions(withDistance);
  const counts = slices.map((slice) => slice.images.length);
  const volumes = Math.min(...counts);
  if (Math.max(...counts) !== volumes) {
    issues.push(
      issue(
        stack,
        'incomplete-volumes',
        'error',
        `slice positions hold between ${volumes} and ${Math.max(...counts)} images: ${Math.max(...counts) - volumes} volume(s) are incomplete and were left out`,
      ),
    );
  }
  checkDuplicatePositions(stack, slices, issues);
  const order = options.volumeOrder;
  const byOrder = (a: ImageRecord, b: ImageRecord): number => {
    const x = order?.value(a);
    const y = order?.value(b);
    if (x !== undefined && y !== undefined && x !== y) return x - y;
    if (x === undefined && y !== undefined) return 1;
    if (x !== undefined && y === undefined) return -1;
    return byTime(a, b);
  };
  for (const slice of slices) slice.images.sort(order === undefined ? byTime : byOrder);
  const grid: ImageRecord[][] = [];
  for (let t = 0; t < volumes; t++) grid.push(slices.map((slice) => slice.images[t]!));

  const positions = slices.map((slice) => slice.distance);
  const thickness = singleSliceDepth(first);
  let sliceStep: Vec3 = [normal[0] * thickness, normal[1] * thickness, normal[2] * thickness];
  if (slices.length === 1) {
    issues.push(
      issue(
        stack,
        'single-slice',
        'info',
        'one slice: its voxel depth is Spacing Between Slices, else Slice Thickness',
      ),
    );
  } else {
    // dcm2niix's slice step is the vector between the first two slices: it carries any tilt, and
    // with uneven spacing it describes the first gap (the Issue below says the rest differ).
    const p0 = slices[0]!.images[0]!.position!;
    const p1 = slices[1]!.images[0]!.position!;
    sliceStep = [p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]];
    checkSpacing(stack, positions, issues);
    const pn = slices[slices.length - 1]!.images[0]!.position!;
    const span: Vec3 = [pn[0] - p0[0], pn[1] - p0[1], pn[2] - p0[2]];
    const tilt = (Math.acos(Math.min(1, Math.abs(dot(span, normal)) / Math.hypot(...span))) * 180) / Math.PI;
    if (tilt > tiltToleranceDegrees) {
      issues.push(
        issue(
          stack,
          'gantry-tilt',
          'warning',
          `slices are stacked ${tilt.toFixed(2)}° off their normal (gantry tilt): the voxels are kept as acquired and the affine carries the shear (NIfTI's qform cannot; readers that use only the qform misplace the slices)`,
        ),
      );
    }
  }
  const along = chosen === undefined ? 'the normal' : 'the slice direction';
  const pet = first.petFrame?.frameReferenceTime !== undefined;
  const volumeRule =
    order !== undefined
      ? `volumes by ${order.name}`
      : pet
        ? 'volumes by frame reference time (PET), then instance number'
        : 'volumes by instance number, then acquisition time';
  const sortedBy = `slices by position along ${along} (${direction.map((v) => v.toFixed(3)).join(', ')}), ${volumes > 1 ? volumeRule : 'one volume'}`;
  return { normal, positions, grid, sliceStep, sortedBy, issues };
}

function checkSpacing(stack: Stack, positions: readonly number[], issues: VolumeIssue[]): void {
  const gaps = positions.slice(1).map((p, k) => p - positions[k]!);
  const smallest = Math.min(...gaps);
  const largest = Math.max(...gaps);
  if (largest - smallest <= spacingTolerance * smallest) return;
  const ratio = largest / smallest;
  const whole = Math.round(ratio);
  if (whole >= 2 && Math.abs(ratio - whole) < 0.1) {
    const at = gaps.indexOf(largest);
    issues.push(
      issue(
        stack,
        'missing-slice',
        'error',
        `${whole - 1} slice(s) missing between positions ${positions[at]!.toFixed(2)} and ${positions[at + 1]!.toFixed(2)} mm (spacing ${smallest.toFixed(3)} mm elsewhere)`,
      ),
    );
  } else {
    issues.push(
      issue(
        stack,
        'uneven-spacing',
        'warning',
        `slice spacing varies from ${smallest.toFixed(3)} to ${largest.toFixed(3)} mm`,
      ),
    );
  }
}
