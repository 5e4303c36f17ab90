"""pydicom's side of bench/header-scan: dcmread(stop_before_pixels=True) over a file list.

Reads paths from stdin, reads each header (forcing nothing), touches SeriesInstanceUID as a
scanner would, and prints JSON {"files": n, "seconds": s} (wall time of the loop only).
"""
import json
import sys
import time
import warnings

import pydicom

warnings.simplefilter("ignore")
paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
start = time.perf_counter()
count = 0
for path in paths:
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    ds.get("SeriesInstanceUID")
    count += 1
print(json.dumps({"files": count, "seconds": time.perf_counter() - start}))
