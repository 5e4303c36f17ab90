"""Dump Siemens CSA headers as nibabel 5 parses them, as JSON on stdout.

Usage: nibabel_csa.py FILE...   (DICOM files, optionally gzipped, or raw CSA blobs *.bin[.gz])
For each file: {"image": HEADER, "series": HEADER} for DICOM, {"blob": HEADER} for a blob, where
HEADER is null (absent), {"error": "..."} (nibabel raised), or {"tags": [[name, vm, vr, items]]}.
Items are nibabel's values; bytes are decoded as Latin-1 so they travel as JSON strings.
"""
import gzip
import io
import json
import sys
import warnings

warnings.simplefilter("ignore")
import pydicom  # noqa: E402
from nibabel.nicom import csareader  # noqa: E402


def as_json(value):
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def header(parse):
    try:
        parsed = parse()
    except Exception as error:  # nibabel raises CSAReadError, struct.error, AssertionError...
        return {"error": f"{type(error).__name__}: {error}"}
    if parsed is None:
        return None
    tags = [
        [as_json(name), tag["vm"], as_json(tag["vr"]), [as_json(item) for item in tag["items"]]]
        for name, tag in parsed["tags"].items()
    ]
    return {"tags": tags}


def read_bytes(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


out = {}
for path in sys.argv[1:]:
    raw = read_bytes(path)
    if path.endswith((".bin", ".bin.gz")):
        out[path] = {"blob": header(lambda: csareader.read(raw))}
        continue
    dataset = pydicom.dcmread(io.BytesIO(raw), stop_before_pixels=True, force=True)
    out[path] = {
        "image": header(lambda: csareader.get_csa_header(dataset, "image")),
        "series": header(lambda: csareader.get_csa_header(dataset, "series")),
    }
json.dump(out, sys.stdout)
