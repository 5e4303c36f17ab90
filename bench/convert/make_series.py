"""Synthetic input of bench/convert: one real single-frame slice made into a long series.

    /usr/bin/python3 make_series.py <template.dcm> <out_folder> <slices> [<step_mm>]

Each copy keeps the template's header and pixels and gets what makes it a distinct slice of
the same series, as a scanner would write it: a new SOP Instance UID (and the file meta's Media
Storage SOP Instance UID), Instance Number 1..N, Image Position (Patient) moved by step_mm along
the slice normal (row x column of Image Orientation (Patient)) and a matching Slice Location.
All copies share one new Series Instance UID, derived from the template's, so that reruns give
the same UIDs and a stale folder cannot mix with a new one.

Pixels are the template's in every slice: deflate's 32 KiB window cannot see a repeat 512 KiB
back, so the output compresses like a real volume of such slices. Prints one JSON line:
{"files": n, "bytes": total, "rows": r, "columns": c}.
"""
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import generate_uid

template_path, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
step = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0

ds = pydicom.dcmread(template_path)
orientation = np.array([float(v) for v in ds.ImageOrientationPatient])
normal = np.cross(orientation[:3], orientation[3:])
origin = np.array([float(v) for v in ds.ImagePositionPatient])
series_uid = generate_uid(entropy_srcs=[str(ds.SeriesInstanceUID), "radkit bench/convert", str(count)])
ds.SeriesInstanceUID = series_uid

os.makedirs(folder, exist_ok=True)
total = 0
for index in range(count):
    uid = generate_uid(entropy_srcs=[series_uid, str(index)])
    ds.SOPInstanceUID = uid
    ds.file_meta.MediaStorageSOPInstanceUID = uid
    ds.InstanceNumber = index + 1
    position = origin + index * step * normal
    # DS values hold at most 16 characters.
    ds.ImagePositionPatient = [f"{value:.6f}"[:16] for value in position]
    if "SliceLocation" in ds:
        ds.SliceLocation = f"{float(np.dot(position, normal)):.6f}"[:16]
    path = os.path.join(folder, f"IM{index + 1:05d}.dcm")
    ds.save_as(path, write_like_original=True)
    total += os.path.getsize(path)

print(json.dumps({"files": count, "bytes": total, "rows": int(ds.Rows), "columns": int(ds.Columns)}))
