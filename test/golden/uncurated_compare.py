"""nibabel's comparison of NIfTI pairs for test/golden/uncurated.test.ts.

Reads one JSON object from stdin:

    {"pairs": [{"id": ..., "radkit": path, "dcm2niix": path}, ...],
     "truths": [{"id": ..., "radkit": path, "truth": path}, ...],
     "pixels": [{"id": ..., "radkit": path, "dicom": path, "decoder": "pydicom" | "pillow",
                 "maxDifference": n}, ...]}

and writes one JSON object to stdout with a record per pair, per truth and per pixel check.

Pairs (radkit against dcm2niix, both in their own voxel order) compare the stored arrays as they
are (shape, dtype, every value, before scaling), the scaling fields, the sform/qform codes and
nibabel's `img.affine`.

Truths (radkit against a dicom2nifti ground truth) are compared in world space: dicom2nifti
writes its own axis order and applies the rescale into the stored values, so both images are
turned to the closest canonical orientation with `nib.as_closest_canonical` and their *scaled*
values compared (exactly for integers; within float32 rounding when either side is float).
"""
import json
import math
import sys
from pathlib import Path

import nibabel as nib
import numpy as np


def num(value):
    value = float(value)
    return value if math.isfinite(value) else str(value)


def matrix(m):
    return [[num(v) for v in row] for row in np.asarray(m)]


def dtype_name(dtype):
    return 'RGB24' if dtype.fields is not None and len(dtype.fields) == 3 else str(dtype)


def describe(img):
    header = img.header
    return {
        'shape': list(img.shape),
        'dtype': dtype_name(header.get_data_dtype()),
        'sformCode': int(header['sform_code']),
        'qformCode': int(header['qform_code']),
        # The proxy's values (nibabel reads 0 or NaN as "no scaling"; a reoriented image has none).
        'sclSlope': num(getattr(img.dataobj, 'slope', 1.0)),
        'sclInter': num(getattr(img.dataobj, 'inter', 0.0)),
        'affine': matrix(img.affine),
    }


def compare_pair(pair):
    a = nib.load(pair['radkit'])
    b = nib.load(pair['dcm2niix'])
    out = {'id': pair['id'], 'radkit': describe(a), 'dcm2niix': describe(b)}
    x = np.asanyarray(a.dataobj.get_unscaled())
    y = np.asanyarray(b.dataobj.get_unscaled())
    if x.shape == y.shape and x.dtype == y.dtype:
        if x.dtype.fields is not None:  # RGB24: compare the bytes of each voxel
            x = np.ascontiguousarray(x).view(np.uint8).reshape(x.shape + (-1,))
            y = np.ascontiguousarray(y).view(np.uint8).reshape(y.shape + (-1,))
        same = (x == y) | (np.isnan(x) & np.isnan(y)) if x.dtype.kind == 'f' else x == y
        out['differingVoxels'] = int(same.size - np.count_nonzero(same))
        if out['differingVoxels'] > 0 and x.dtype.kind == 'f':
            # How far apart, in units in the last place of the type (1 = rounding).
            ulp = np.spacing(np.maximum(np.abs(x), np.abs(y)).astype(x.dtype))
            out['maxUlp'] = num(np.max(np.abs(x.astype(np.float64) - y.astype(np.float64)) / ulp))
    out['affineDifference'] = num(np.max(np.abs(a.affine - b.affine)))
    return out


def compare_truth(pair):
    ours = nib.as_closest_canonical(nib.load(pair['radkit']))
    truth = nib.as_closest_canonical(nib.load(pair['truth']))
    out = {'id': pair['id'], 'radkit': describe(ours), 'truth': describe(truth)}
    out['affineDifference'] = num(np.max(np.abs(ours.affine - truth.affine)))
    x = np.asanyarray(ours.dataobj)
    y = np.asanyarray(truth.dataobj)
    if x.shape != y.shape:
        return out
    if x.dtype.kind in 'iub' and y.dtype.kind in 'iub':
        out['differingVoxels'] = int(np.count_nonzero(x.astype(np.int64) != y.astype(np.int64)))
        out['tolerance'] = 0
        return out
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    # Either side went through float32: allow its rounding (relative 2^-23, twice for the scaling).
    tolerance = 2.0 ** -22 * max(float(np.max(np.abs(y))), 1.0)
    out['differingVoxels'] = int(np.count_nonzero(np.abs(x - y) > tolerance))
    out['maxDifference'] = num(np.max(np.abs(x - y)))
    out['tolerance'] = tolerance
    return out


def compare_pixels(check):
    """radkit's output of one DICOM file against a reference decoder's frames of it, in dcm2niix's
    layout for an image without geometry: columns along x, rows bottom-up along y, frames along z,
    colour samples last (RGB24 or a vector dimension). For outputs no dcm2niix run can be compared
    with. The decoder is pydicom, or Pillow (OpenJPEG 2.5) frame by frame for HTJ2K, which
    pydicom 2.3 cannot decode; voxels differing by more than `maxDifference` are counted."""
    import pydicom
    from pydicom.pixel_data_handlers.util import convert_color_space

    ds = pydicom.dcmread(check['dicom'])
    if check.get('decoder') == 'pillow':
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'pixel'))
        from pixel_reference import pillow_frames

        frames = pillow_frames(ds)
    else:
        frames = ds.pixel_array
    photometric = str(ds.PhotometricInterpretation)
    # pydicom 2.3 leaves native and RLE YBR_FULL(_422) as YCbCr; radkit writes RGB (PS3.3 C.7.6.3.1.2).
    if photometric in ('YBR_FULL', 'YBR_FULL_422') and check.get('decoder') != 'pillow':
        frames = convert_color_space(frames, photometric, 'RGB')
    samples = int(ds.get('SamplesPerPixel', 1))
    count = int(ds.get('NumberOfFrames', 1) or 1)
    frames = frames.reshape((count, int(ds.Rows), int(ds.Columns), samples))
    expected = frames[:, ::-1, :, :].transpose(2, 1, 0, 3)
    ours = np.asanyarray(nib.load(check['radkit']).dataobj.get_unscaled())
    if ours.dtype.fields is not None:
        ours = np.stack([ours[name] for name in ours.dtype.names], axis=-1)
    elif samples == 1:
        ours = ours[..., np.newaxis]
    out = {'id': check['id'], 'radkit': list(ours.shape), 'reference': list(expected.shape)}
    if ours.size == expected.size:
        difference = np.abs(ours.reshape(expected.shape).astype(np.int64) - expected.astype(np.int64))
        out['differingVoxels'] = int(np.count_nonzero(difference > check.get('maxDifference', 0)))
        out['maxDifference'] = int(np.max(difference))
    return out


def guarded(compare, item):
    try:
        return compare(item)
    except Exception as error:  # reported to the test, which fails on it
        return {'id': item['id'], 'error': f'{type(error).__name__}: {error}'}


def main():
    request = json.load(sys.stdin)
    json.dump(
        {
            'pairs': [guarded(compare_pair, pair) for pair in request.get('pairs', [])],
            'truths': [guarded(compare_truth, truth) for truth in request.get('truths', [])],
            'pixels': [guarded(compare_pixels, check) for check in request.get('pixels', [])],
        },
        sys.stdout,
    )


if __name__ == '__main__':
    main()
