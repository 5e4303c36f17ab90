"""Parse the ASCCONV protocol of Siemens files with nibabel 5's `nicom.ascconv`; JSON on stdout.

Usage: nibabel_ascconv.py FILE...  (DICOM files, optionally gzipped, or text files)
The protocol text comes from the CSA series header (MrPhoenixProtocol, else MrProtocol) or, for
XA files, from (0021,xx19) of "SIEMENS MR SDS 01" (top level or in the shared functional groups).
nibabel nests keys and cannot hold `x.__attribute__.size` beside `x[0]`, so those lines are
dropped before parsing; the nested result is flattened back to `a.b[0].c` keys.
Output per file: null (no protocol), {"error": "..."} or {"entries": {key: value}}.
"""
import gzip
import io
import json
import re
import sys
import warnings

warnings.simplefilter("ignore")
import pydicom  # noqa: E402
from nibabel.nicom import ascconv, csareader  # noqa: E402


def private_value(dataset, creator, group, offset):
    for block in range(0x10, 0x100):
        element = dataset.get((group, block))
        if element is not None and str(element.value).strip() == creator:
            found = dataset.get((group, (block << 8) | offset))
            return None if found is None else found.value
    return None


def xa_protocol(dataset):
    candidates = [dataset]
    shared = dataset.get((0x5200, 0x9229))
    if shared is not None and len(shared.value) > 0:
        item = shared.value[0]
        candidates.append(item)
        nested = private_value(item, "SIEMENS MR SDS 01", 0x21, 0xFE)
        if nested:
            candidates.insert(0, nested[0])
    for candidate in candidates:
        value = private_value(candidate, "SIEMENS MR SDS 01", 0x21, 0x19)
        if value is not None:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def protocol_text(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if path.endswith(".txt"):
        return raw.decode("latin-1")
    dataset = pydicom.dcmread(io.BytesIO(raw), stop_before_pixels=True, force=True)
    header = csareader.get_csa_header(dataset, "series")
    if header is not None:
        for name in ("MrPhoenixProtocol", "MrProtocol"):
            tag = header["tags"].get(name)
            if tag is not None and tag["items"]:
                item = tag["items"][0]
                return item.decode("latin-1") if isinstance(item, bytes) else item
    return xa_protocol(dataset)


def flatten(value, prefix, out):
    if isinstance(value, dict):
        for key, child in value.items():
            flatten(child, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if child is not None:
                flatten(child, f"{prefix}[{index}]", out)
    else:
        out[prefix] = value


def parse(text):
    begin = text.find("### ASCCONV BEGIN")
    end = text.find("### ASCCONV END ###", begin)
    block = text[begin : end + len("### ASCCONV END ###")]
    block = "\n".join(line for line in block.split("\n") if "__attribute__" not in line)
    block = re.sub(r"[ \t]+\n", "\n", block)
    parsed, _attributes = ascconv.parse_ascconv(block, '""')
    out = {}
    flatten(parsed, "", out)
    return out


result = {}
for path in sys.argv[1:]:
    text = protocol_text(path)
    if text is None or "### ASCCONV BEGIN" not in text:
        result[path] = None
        continue
    try:
        result[path] = {"entries": parse(text)}
    except Exception as error:
        result[path] = {"error": f"{type(error).__name__}: {error}"}
json.dump(result, sys.stdout)
