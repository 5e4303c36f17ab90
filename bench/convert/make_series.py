"""Synthetic input of bench/convert: one real single-frame slice made into a long series.

    /usr/bin/python3 make_series.py <template.dcm> <out_folder> <slices> [<step_mm> [<series>]]

Each copy keeps the template's header and pixels and gets what makes it a distinct slice of
the same series, as a scanner would write it: a new SOP Instance UID (and the file meta's Media
Storage SOP Instance UID), Instance Number 1..N, Image Position (Patient) moved by step_mm along
the slice normal (row x column of Image Orientation (Patient)) and a matching Slice Location.
All copies share one new Series Instance UID, derived from the template's, so that reruns give
the same UIDs and a stale folder cannot mix with a new one.

Pixels are the template's in every slice: deflate's 32 KiB window cannot see a repeat 512 KiB
back, so the output compresses like a real volume of such slices.

With <series> above 1, the folder holds that many such series, one subfolder each (S0001, ...),
each with its own Series Instance UID and Series Number: an archive of many files in many
series, as a PACS export gives. Prints one JSON line:
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
series_count = int(sys.argv[5]) if len(sys.argv) > 5 else 1

ds = pydicom.dcmread(template_path)
orientation = np.array([float(v) for v in ds.ImageOrientationPatient])
normal = np.cross(orientation[:3], orientation[3:])
origin = np.array([float(v) for v in ds.ImagePositionPatient])
template_series_uid = str(ds.SeriesInstanceUID)

total = 0
for series in range(series_count):
    entropy = [template_series_uid, "radkit bench/convert", str(count)]
    # One series keeps the UIDs it always had, so earlier outputs stay comparable.
    series_uid = generate_uid(entropy_srcs=entropy if series_count == 1 else [*entropy, str(series)])
    ds.SeriesInstanceUID = series_uid
    if series_count > 1:
        ds.SeriesNumber = series + 1
    series_folder = folder if series_count == 1 else os.path.join(folder, f"S{series + 1:04d}")
    os.makedirs(series_folder, exist_ok=True)
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
        path = os.path.join(series_folder, f"IM{index + 1:05d}.dcm")
        ds.save_as(path, write_like_original=True)
        total += os.path.getsize(path)

print(json.dumps({"files": count * series_count, "bytes": total, "rows": int(ds.Rows), "columns": int(ds.Columns)}))
