/**
 * scl_slope / scl_inter (nifti1.h, "DATA SCALING"): "If the scl_slope field is nonzero, then
 * each voxel value in the dataset should be scaled as y = scl_slope * x + scl_inter". radkit's
 * reader keeps the stored values (as it keeps DICOM's stored values before Rescale); this is the
 * explicit step that applies the scaling.
 */
import { type NDArray, ndarray } from '../../ndarray/index.js';

export interface NiftiScaling {
  readonly data: NDArray;
  readonly sclSlope: number;
  readonly sclInter: number;
}

/** True when the header asks for scaling: a finite, nonzero slope (nifti1.h; nibabel also ignores NaN). */
export function hasNiftiScaling(sclSlope: number, sclInter: number): boolean {
  return (
    Number.isFinite(sclSlope) &&
    sclSlope !== 0 &&
    (sclSlope !== 1 || (Number.isFinite(sclInter) && sclInter !== 0))
  );
}

/**
 * The scaled voxel values as floats: float32 when the stored type is at most 16 bits or float32
 * (every scaled value is as precise as float32 holds the slope), float64 for 32-bit integers and
 * float64. Without scaling (slope 0, NaN or ±∞), the values are converted unchanged. A
 * non-finite scl_inter counts as 0. Not meant for RGB data, to which nifti1.h says scaling does
 * not apply.
 */
export function applyNiftiScaling(image: NiftiScaling): NDArray<Float32Array | Float64Array> {
  const { data } = image;
  const wide = data.dtype === 'int32' || data.dtype === 'uint32' || data.dtype === 'float64';
  const out = wide ? new Float64Array(data.data.length) : new Float32Array(data.data.length);
  const scaled = Number.isFinite(image.sclSlope) && image.sclSlope !== 0;
  const slope = scaled ? image.sclSlope : 1;
  const inter = scaled && Number.isFinite(image.sclInter) ? image.sclInter : 0;
  const source = data.data;
  for (let n = 0; n < source.length; n++) out[n] = slope * source[n]! + inter;
  return ndarray(out, data.shape);
}
