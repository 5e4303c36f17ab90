/**
 * pydicom's pixels for comparison: `pixel_array` of a file (or one frame of it), rescaled with the
 * file's (or the frame's functional group) Rescale Slope and Intercept in float64, and transposed
 * to dbdicom's (x, y) order, flattened in C order (x slowest).
 */
import { spawnSync } from 'node:child_process';
import { referencePython } from '../support/requirements.js';

const script = `
import json, sys, numpy, pydicom
out = []
for spec in sys.argv[1:]:
    path, _, frame = spec.partition('#')
    ds = pydicom.dcmread(path)
    pixels = ds.pixel_array.astype(numpy.float64)
    source = ds
    if frame != '':
        pixels = pixels[int(frame)]
        groups = ds.get('PerFrameFunctionalGroupsSequence')
        if groups is not None and 'PixelValueTransformationSequence' in groups[int(frame)]:
            source = groups[int(frame)].PixelValueTransformationSequence[0]
    slope = float(getattr(source, 'RescaleSlope', 1))
    intercept = float(getattr(source, 'RescaleIntercept', 0))
    real = pixels * slope + intercept
    out.append({'rows': int(real.shape[0]), 'columns': int(real.shape[1]), 'slope': slope,
                'values': real.T.ravel().tolist()})
print(json.dumps(out))
`;

export interface PydicomPixels {
  readonly rows: number;
  readonly columns: number;
  readonly slope: number;
  /** columns × rows values: element (x, y) at x · rows + y. */
  readonly values: number[];
}

/** pydicom's rescaled, transposed pixels of each `path` or `path#frame` (0-based). */
export function pydicomPixels(specs: readonly string[]): PydicomPixels[] {
  const result = spawnSync(referencePython, ['-c', script, ...specs], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`pydicom failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as PydicomPixels[];
}
