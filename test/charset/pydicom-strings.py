"""Reference strings from pydicom 2.3.1 for radkit's charset tests.

Usage (JSON on stdout):
  pydicom-strings.py files PATH...   every string element of each file, with the raw value
                                     bytes, the (0008,0005) terms in force, pydicom's Python
                                     encodings and its decoded values and warnings
  pydicom-strings.py values          stdin: [{"terms": [...], "vr": "PN", "hex": "..."}];
                                     pydicom's values for each (as convert_value gives them)
  pydicom-strings.py codecs          stdin: [{"codec": "gb18030", "hex": "..."}];
                                     bytes.decode(codec, 'replace') and whether strict failed
"""
import json
import sys
import warnings

import pydicom
from pydicom.charset import convert_encodings
from pydicom.dataelem import DataElement_from_raw, RawDataElement
from pydicom.multival import MultiValue
from pydicom.tag import Tag

STRING_VRS = {
    "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI",
    "UR", "UT",
}
CHARSET = Tag(0x00080005)


def values_of(elem):
    """str() of each value; [] when pydicom's VM is 0."""
    if elem.VM == 0:
        return []
    value = elem.value
    if isinstance(value, (MultiValue, list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def terms_of(value):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def as_list(encodings):
    if encodings is None:
        return None
    return [encodings] if isinstance(encodings, str) else list(encodings)


def walk(ds, parent_terms, prefix, out):
    # Snapshot the raw elements before any access converts them.
    raws = dict(ds._dict)
    own = raws.get(CHARSET)
    if own is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            terms = terms_of(ds[CHARSET].value)
    else:
        terms = parent_terms
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        encodings = as_list(ds.read_encoding or ds._character_set)
    for tag in sorted(raws):
        raw = raws[tag]
        path = prefix + [f"{tag:08X}"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                elem = ds[tag]
                error = None
            except Exception as exc:  # pydicom gives up on this element
                elem = None
                error = f"{type(exc).__name__}: {exc}"
        vr = elem.VR if elem is not None else raw.VR
        if vr == "SQ" and elem is not None:
            for index, item in enumerate(elem.value):
                walk(item, terms, path + [str(index)], out)
            continue
        if vr not in STRING_VRS or not isinstance(raw, RawDataElement) or raw.value is None:
            continue
        out.append({
            "path": "/".join(path),
            "vr": vr,
            "hex": raw.value.hex(),
            "terms": terms,
            "encodings": encodings,
            "values": values_of(elem) if elem is not None else None,
            "error": error,
            "warnings": [str(w.message) for w in caught],
        })


def files(paths):
    result = []
    for path in paths:
        ds = pydicom.dcmread(path, force=True)
        elements = []
        if getattr(ds, "file_meta", None) is not None:
            walk(ds.file_meta, [], ["meta"], elements)
        walk(ds, [], [], elements)
        result.append({"file": path, "elements": elements})
    return result


def values(requests):
    result = []
    for request in requests:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            encodings = convert_encodings(request["terms"] or None)
            raw_bytes = bytes.fromhex(request["hex"])
            raw = RawDataElement(
                Tag(0x00091010), request["vr"], len(raw_bytes), raw_bytes, 0, False, True
            )
            try:
                elem = DataElement_from_raw(raw, encodings)
                entry = {"values": values_of(elem), "error": None}
            except Exception as exc:
                entry = {"values": None, "error": f"{type(exc).__name__}: {exc}"}
        entry["encodings"] = as_list(encodings)
        entry["warnings"] = [str(w.message) for w in caught]
        result.append(entry)
    return result


def codecs_(requests):
    result = []
    for request in requests:
        data = bytes.fromhex(request["hex"])
        try:
            data.decode(request["codec"])
            failed = False
        except UnicodeDecodeError:
            failed = True
        result.append({"text": data.decode(request["codec"], "replace"), "failed": failed})
    return result


def main():
    mode = sys.argv[1]
    if mode == "files":
        output = files(sys.argv[2:])
    elif mode == "values":
        output = values(json.load(sys.stdin))
    elif mode == "codecs":
        output = codecs_(json.load(sys.stdin))
    else:
        raise SystemExit(f"unknown mode {mode}")
    json.dump({"pydicom": pydicom.__version__, "result": output}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
