/**
 * Which axes of a NRRD file are space, colour samples and extra axes, and where the space axes
 * point (format definition §4): the affine in LPS, and the order that puts the file's axes in
 * volume layout.
 *
 * NRRD lists axes fastest first; a volume's C-order shape lists them slowest first, so the file
 * order [samples?, i, j, k, extra…] is the volume layout as it is. Files that put a list or colour
 * axis elsewhere (DWI lists first is common) are permuted into it after reading.
 */
import { type Affine, affineFromRows } from '../../geometry/index.js';
import type { VolumeAxis } from '../../volume/index.js';
import { steppedValues } from '../raster-volume.js';
import { failField, type NrrdFieldContext, perAxisNumbers, requiredField } from './field-context.js';
import { parseNrrdNumbers, parseNrrdStrings, parseNrrdVectors } from './header.js';
import { type NrrdSpace, nrrdSpaceOf } from './spaces.js';

const colourKinds = new Set(['rgb-color', 'rgba-color', '3-color', '4-color', 'hsv-color', 'xyz-color']);

/** The key/value pair holding the values of file axis `axis` when they are not evenly spaced. */
export function axisValuesKey(axis: number): string {
  return `axis ${axis} values`;
}

/** The named space, or 'none' when the header gives no space information; checks "space dimension:". */
function spaceOf(context: NrrdFieldContext): NrrdSpace | 'none' {
  const named = context.header.fields.get('space');
  const dimension = context.header.fields.get('space dimension');
  if (named !== undefined) {
    const space = nrrdSpaceOf(named);
    if (space === undefined)
      failField(
        context,
        `"space: ${named}" is not a NRRD space`,
        'Use e.g. "space: left-posterior-superior".',
      );
    if (!space.anatomical) {
      context.issues.push({
        code: 'nrrd-space',
        severity: 'warning',
        message: `space "${named}" is not patient-based; its coordinates were taken as LPS`,
      });
    }
    return space;
  }
  if (dimension !== undefined) {
    if (dimension.trim() !== '3')
      failField(
        context,
        `"space dimension: ${dimension}" is not 3`,
        'radkit reads images in 3D space; write the file with a 3D space.',
      );
    context.issues.push({
      code: 'nrrd-space',
      severity: 'warning',
      message: 'the header gives "space dimension: 3" but no named space; coordinates were taken as LPS',
    });
    return { name: 'space dimension 3', dimension: 3, toLps: [1, 1, 1], anatomical: false };
  }
  return 'none';
}

interface AxisRoles {
  /** File axes that are space, in file order. */
  readonly spatial: number[];
  /** Their step vectors (LPS mm). */
  readonly columns: [number, number, number][];
  readonly origin: [number, number, number];
  readonly colour?: number;
  readonly extra: number[];
  /** For a -time space: the time step and start of axes whose direction is only time. */
  readonly timeSteps: Map<number, { start: number; step: number }>;
}

function withSpace(
  context: NrrdFieldContext,
  space: NrrdSpace,
  sizes: readonly number[],
  kinds: string[],
): AxisRoles {
  const dimension = sizes.length;
  const text = requiredField(context, 'space directions');
  const directions = parseNrrdVectors(text);
  if (directions === undefined || directions.length !== dimension)
    failField(
      context,
      `"space directions: ${text}" needs ${dimension} entries, a (vector) or none per axis`,
      'Fix "space directions:".',
    );
  const originText = context.header.fields.get('space origin');
  const origin =
    originText === undefined ? new Array<number>(space.dimension).fill(0) : parseNrrdVectors(originText)?.[0];
  if (origin === undefined || origin === 'none' || origin.length !== space.dimension)
    failField(
      context,
      `"space origin: ${originText}" is not a vector of ${space.dimension} numbers`,
      'Fix "space origin:".',
    );
  const [sx, sy, sz] = space.toLps;
  const roles: AxisRoles = {
    spatial: [],
    columns: [],
    origin: [origin[0]! * sx, origin[1]! * sy, origin[2]! * sz],
    extra: [],
    timeSteps: new Map(),
  };
  let colour: number | undefined;
  directions.forEach((direction, axis) => {
    if (direction === 'none') {
      if (colour === undefined && colourKinds.has(kinds[axis] ?? '') && [3, 4].includes(sizes[axis]!))
        colour = axis;
      else roles.extra.push(axis);
      return;
    }
    if (direction.length !== space.dimension || direction.some((value) => !Number.isFinite(value)))
      failField(
        context,
        `space direction ${axis + 1} (${direction.join(',')}) is not ${space.dimension} finite numbers`,
        'Fix "space directions:".',
      );
    const [x, y, z] = direction as [number, number, number];
    if (x === 0 && y === 0 && z === 0 && space.dimension === 4) {
      // An axis that moves only in time: its step and start are the 4th coordinates.
      roles.extra.push(axis);
      roles.timeSteps.set(axis, { start: origin[3]!, step: direction[3]! });
      return;
    }
    roles.spatial.push(axis);
    roles.columns.push([x * sx, y * sy, z * sz]);
  });
  return colour === undefined ? roles : { ...roles, colour };
}

/**
 * No space information (NRRD0001–3 style): the domain axes (the first three when no kinds are
 * given) step along LPS x, y, z by their spacings (1 when unknown), from their axis mins.
 */
function withoutSpace(context: NrrdFieldContext, sizes: readonly number[], kinds: string[]): AxisRoles {
  const dimension = sizes.length;
  context.issues.push({
    code: 'nrrd-space',
    severity: 'warning',
    message: 'the header gives no space: the image axes were laid along LPS x, y, z by their spacings',
  });
  const spacings = perAxisNumbers(context, 'spacings', dimension) ?? [];
  const mins = perAxisNumbers(context, 'axis mins', dimension) ?? [];
  const roles: AxisRoles = { spatial: [], columns: [], origin: [0, 0, 0], extra: [], timeSteps: new Map() };
  let colour: number | undefined;
  for (let axis = 0; axis < dimension; axis++) {
    const kind = kinds[axis];
    const spatial =
      roles.spatial.length < 3 && (kind === undefined ? true : ['domain', 'space'].includes(kind));
    if (spatial) {
      const n = roles.spatial.length;
      const step = Number.isFinite(spacings[axis]) ? spacings[axis]! : 1;
      const column: [number, number, number] = [0, 0, 0];
      column[n] = step;
      roles.spatial.push(axis);
      roles.columns.push(column);
      roles.origin[n] = Number.isFinite(mins[axis]) ? mins[axis]! : 0;
    } else if (colour === undefined && colourKinds.has(kind ?? '') && [3, 4].includes(sizes[axis]!)) {
      colour = axis;
    } else {
      roles.extra.push(axis);
    }
  }
  return colour === undefined ? roles : { ...roles, colour };
}

/** The k column of a 2D image: the unit normal of its plane, so that k has a 1 mm step. */
function normalOf(a: readonly number[], b: readonly number[]): [number, number, number] {
  const n = [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const length = Math.hypot(n[0]!, n[1]!, n[2]!);
  return [n[0]! / length, n[1]! / length, n[2]! / length];
}

/** Names and values of the extra axes (the 4th dimension first). */
function extraAxes(
  context: NrrdFieldContext,
  roles: AxisRoles,
  sizes: readonly number[],
  kinds: string[],
): VolumeAxis[] {
  const dimension = sizes.length;
  const labels = parseNrrdStrings(context.header.fields.get('labels') ?? '');
  const spacings = perAxisNumbers(context, 'spacings', dimension) ?? [];
  const mins = perAxisNumbers(context, 'axis mins', dimension) ?? [];
  return roles.extra.map((axis, n) => {
    const size = sizes[axis]!;
    const label = labels[axis] ?? '';
    const name =
      label !== '' ? label : kinds[axis] === 'time' || roles.timeSteps.has(axis) ? 'time' : `dim${n + 4}`;
    const listed = context.header.keyValues.get(axisValuesKey(axis));
    if (listed !== undefined) {
      const values = parseNrrdNumbers(listed);
      if (values !== undefined && values.length === size) return { name, values };
      context.issues.push({
        code: 'nrrd-field',
        severity: 'warning',
        message: `"${axisValuesKey(axis)}:=" does not hold ${size} numbers; the axis was numbered by index`,
      });
    }
    const time = roles.timeSteps.get(axis);
    if (time !== undefined) return { name, values: steppedValues(size, time.start, time.step) };
    if (Number.isFinite(spacings[axis]))
      return {
        name,
        values: steppedValues(size, Number.isFinite(mins[axis]) ? mins[axis]! : 0, spacings[axis]!),
      };
    return { name, values: steppedValues(size, 0, 1) };
  });
}

export interface NrrdGrid {
  /**
   * The file axes in volume order, fastest first: the colour axis (if any), i, j, k, then the
   * extra axes. Identity for files already in that order.
   */
  readonly order: readonly number[];
  /** C-order shape of the volume's data (k is 1 for a 2D image), samples last. */
  readonly shape: readonly number[];
  readonly samples: number;
  readonly affine: Affine;
  readonly axes: readonly VolumeAxis[];
}

/** The grid of a header whose sizes are `sizes`. Throws NrrdFormatError when it has no 2D or 3D image. */
export function nrrdGrid(context: NrrdFieldContext, sizes: readonly number[]): NrrdGrid {
  const kinds = (context.header.fields.get('kinds') ?? '').split(/\s+/).filter((word) => word !== '');
  const kindsOf = kinds.length === sizes.length ? kinds.map((kind) => kind.toLowerCase()) : [];
  const space = spaceOf(context);
  const roles =
    space === 'none' ? withoutSpace(context, sizes, kindsOf) : withSpace(context, space, sizes, kindsOf);
  if (roles.spatial.length < 2 || roles.spatial.length > 3)
    failField(
      context,
      `${roles.spatial.length} axes lie in space; radkit reads images with 2 or 3`,
      'Check "space directions:" (use none for axes that are not in space).',
    );
  const ci = roles.columns[0]!;
  const cj = roles.columns[1]!;
  const ck = roles.columns[2] ?? normalOf(ci, cj);
  const affine = affineFromRows([
    ci[0]!,
    cj[0]!,
    ck[0]!,
    roles.origin[0],
    ci[1]!,
    cj[1]!,
    ck[1]!,
    roles.origin[1],
    ci[2]!,
    cj[2]!,
    ck[2]!,
    roles.origin[2],
  ]);
  const order = [...(roles.colour === undefined ? [] : [roles.colour]), ...roles.spatial, ...roles.extra];
  const samples = roles.colour === undefined ? 1 : sizes[roles.colour]!;
  const [ni, nj, nk = 1] = roles.spatial.map((axis) => sizes[axis]!);
  const shape = [...roles.extra.map((axis) => sizes[axis]!).reverse(), nk, nj!, ni!];
  return {
    order,
    shape: samples > 1 ? [...shape, samples] : shape,
    samples,
    affine,
    axes: extraAxes(context, roles, sizes, kindsOf),
  };
}
