"""Reference DICOM JSON from pydicom 2.3, for radkit's cross-check (test/dicom/pydicom-json.test.ts).

Reads file paths (one per line) on stdin and prints one JSON object per line:
  {"path": ..., "read": "ok" | "force" | "error", "error": ..., "elements": {tagKey: elementJson | {"error": ...}}}
"read" is "ok" when dcmread() accepts the file as Part 10, "force" when only dcmread(force=True)
does. Each element is converted on its own so one unconvertible element does not hide the
others. Binary values are given as "md5:<hex>" BulkDataURIs instead of base64, to keep the
output small; radkit's side does the same. gzip-wrapped files are decompressed first.
"""
import gzip
import hashlib
import io
import json
import sys
import warnings

import pydicom
from pydicom.errors import InvalidDicomError

warnings.simplefilter("ignore")


def digest(element):
    value = element.value
    if isinstance(value, (bytes, bytearray)):
        return "md5:" + hashlib.md5(value).hexdigest()
    return "md5:?"


def finite(value):
    """JSON has no NaN or infinities: give them as null, as radkit does."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, list):
        return [finite(v) for v in value]
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    return value


def read(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return pydicom.dcmread(io.BytesIO(data)), "ok"
    except InvalidDicomError:
        return pydicom.dcmread(io.BytesIO(data), force=True), "force"


def elements(ds):
    out = {}
    for tag in list(ds.keys()):
        key = "%08X" % tag
        try:
            out[key] = finite(ds[tag].to_json_dict(digest, 0))
        except Exception as error:  # noqa: BLE001 - recorded, compared as "pydicom could not"
            out[key] = {"error": "%s: %s" % (type(error).__name__, error)}
    return out


for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    record = {"path": path}
    try:
        ds, how = read(path)
        record["read"] = how
        record["elements"] = elements(ds)
    except Exception as error:  # noqa: BLE001
        record["read"] = "error"
        record["error"] = "%s: %s" % (type(error).__name__, error)
    print(json.dumps(record, allow_nan=False))
    sys.stdout.flush()
