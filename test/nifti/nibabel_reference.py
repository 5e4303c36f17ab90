"""nibabel's reading of NIfTI files, one JSON line per path read from stdin.

For each file: the raw header fields (as stored, before nibabel moves scl_* into the data
proxy), the affines nibabel derives (img.affine = get_best_affine, get_qform, get_sform) and
its orientation codes (aff2axcodes of img.affine), the
unscaled data as a SHA-256 of its bytes in x-fastest order little endian (radkit's C order with
the axes reversed), and a sample of the scaled values.
"""
import hashlib
import json
import math
import sys

import nibabel as nib
import numpy as np
from nibabel.openers import ImageOpener


def num(value):
    value = float(value)
    return value if math.isfinite(value) else str(value)


def text(value):
    return value.item().split(b'\0', 1)[0].decode('utf-8', 'replace')


def matrix(m):
    return [[num(v) for v in row] for row in np.asarray(m)]


def describe(path):
    img = nib.load(path)
    with ImageOpener(path) as f:
        raw = img.header_class.from_fileobj(f)
    out = {'path': path, 'class': type(img).__name__, 'endianness': raw.endianness}
    for name in ('dim', 'pixdim', 'srow_x', 'srow_y', 'srow_z'):
        out[name] = [num(v) for v in raw[name]]
    for name in ('datatype', 'bitpix', 'qform_code', 'sform_code', 'xyzt_units', 'dim_info', 'slice_code',
                 'slice_start', 'slice_end', 'intent_code', 'vox_offset'):
        out[name] = int(raw[name])
    for name in ('scl_slope', 'scl_inter', 'slice_duration', 'cal_min', 'cal_max', 'toffset', 'intent_p1',
                 'quatern_b', 'quatern_c', 'quatern_d', 'qoffset_x', 'qoffset_y', 'qoffset_z'):
        out[name] = num(raw[name])
    for name in ('descrip', 'aux_file', 'intent_name', 'magic') + (('regular',) if 'regular' in raw else ()):
        out[name] = text(raw[name])
    out['extensions'] = [[int(e.get_code()), len(e.get_content())] for e in raw.extensions]
    out['affine'] = matrix(img.affine)
    out['qform'] = matrix(img.get_qform())
    out['sform'] = matrix(img.get_sform())
    out['axcodes'] = ''.join(str(code) for code in nib.aff2axcodes(img.affine))
    unscaled = np.asanyarray(img.dataobj.get_unscaled())
    out['shape'] = list(unscaled.shape)
    out['dtype'] = str(unscaled.dtype)
    if unscaled.dtype.fields is None:
        unscaled = unscaled.astype(unscaled.dtype.newbyteorder('<'), copy=False)
    out['sha256'] = hashlib.sha256(unscaled.tobytes(order='F')).hexdigest()
    scaled = np.asanyarray(img.dataobj)
    if scaled.dtype.fields is None:
        flat = scaled.reshape(-1, order='F')
        step = max(1, flat.size // 997)
        out['scaled_dtype'] = str(scaled.dtype)
        out['scaled_step'] = step
        out['scaled_sample'] = [num(v) for v in flat[::step]]
    return out


def main():
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        try:
            record = describe(path)
        except Exception as error:  # reported, compared by the test
            record = {'path': path, 'error': f'{type(error).__name__}: {error}'}
        print(json.dumps(record), flush=True)


if __name__ == '__main__':
    main()
