"""Reference data for the JPEG DCT decoder's corpus test.

usage: python3 reference.py corpus CORPUS_ROOT OUT_DIR
       python3 reference.py wrap OUT_DIR CODESTREAM.jpg...

`corpus` finds every DICOM file in CORPUS_ROOT whose pixel data is a sequential DCT JPEG (transfer syntax
1.2.840.10008.1.2.4.50 / .51, or any encapsulated syntax whose first frame starts with an SOF0 /
SOF1 frame), writes each frame's codestream to OUT_DIR, runs DCMTK's dcmdjpeg on the file in three
colour modes (+cn never, +ca always, +cg guess; always +px colour-by-pixel) and writes each frame's
reference samples (raw little-endian PixelData). Prints a JSON manifest on stdout.

When dcmdjpeg cannot read the original file (malformed dataset) or the file's transfer syntax does
not match its codestream, the frames are re-wrapped in a minimal, well-formed dataset with the
right transfer syntax and dcmdjpeg runs on that; the manifest says so in "via".

`wrap` does the same for codestreams made by the tests (one frame each): it wraps each in a
minimal dataset built from its SOF header and writes the dcmdjpeg references beside it.
"""

import json
import os
import subprocess
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_pixel_data_frame

BASELINE = "1.2.840.10008.1.2.4.50"
EXTENDED = "1.2.840.10008.1.2.4.51"
MODES = {"never": "+cn", "always": "+ca", "guess": "+cg"}


def sof_code(frame):
    """The code of the first SOFn marker of a JPEG codestream, or None."""
    if frame[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 4 <= len(frame):
        if frame[i] != 0xFF:
            return None
        code = frame[i + 1]
        if code == 0xFF:
            i += 1
            continue
        if 0xC0 <= code <= 0xCF and code not in (0xC4, 0xC8, 0xCC):
            return code
        if code == 0xF7:
            return code
        i += 2 + ((frame[i + 2] << 8) | frame[i + 3])
    return None


def candidates(root):
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                head = pydicom.dcmread(path, stop_before_pixels=True)
                ts = str(head.file_meta.TransferSyntaxUID)
            except Exception:
                continue
            if not ts.startswith("1.2.840.10008.1.2.4."):
                continue
            try:
                ds = pydicom.dcmread(path)
                count = int(getattr(ds, "NumberOfFrames", 1) or 1)
                frames = list(generate_pixel_data_frame(ds.PixelData, count))
            except Exception:
                continue
            sof = sof_code(frames[0]) if frames else None
            if ts in (BASELINE, EXTENDED) or sof in (0xC0, 0xC1):
                yield path, ds, ts, frames, sof


def rewrap(ds, frames, ts, path):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = getattr(ds, "SOPClassUID", "1.2.840.10008.5.1.4.1.1.7")
    meta.MediaStorageSOPInstanceUID = getattr(ds, "SOPInstanceUID", "1.2.3.4")
    meta.TransferSyntaxUID = ts
    out = Dataset()
    out.file_meta = meta
    out.SOPClassUID = meta.MediaStorageSOPClassUID
    out.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    for keyword in (
        "SamplesPerPixel",
        "PhotometricInterpretation",
        "PlanarConfiguration",
        "NumberOfFrames",
        "Rows",
        "Columns",
        "BitsAllocated",
        "BitsStored",
        "HighBit",
        "PixelRepresentation",
    ):
        if keyword in ds:
            setattr(out, keyword, ds.data_element(keyword).value)
    out.PixelData = encapsulate(frames, has_bot=False)
    out["PixelData"].VR = "OB"
    out["PixelData"].is_undefined_length = True
    out.is_little_endian = True
    out.is_implicit_VR = False
    out.save_as(path, write_like_original=False)


def dcmdjpeg(source, target, flag):
    result = subprocess.run(
        ["dcmdjpeg", flag, "+px", source, target], capture_output=True, text=True, timeout=120
    )
    return result.returncode == 0 and os.path.exists(target)


def sof_header(frame):
    """(precision, rows, columns, components) from the SOFn segment of a codestream."""
    i = 2
    while i + 4 <= len(frame):
        code = frame[i + 1]
        length = (frame[i + 2] << 8) | frame[i + 3]
        if 0xC0 <= code <= 0xCF and code not in (0xC4, 0xC8, 0xCC):
            p = i + 4
            return frame[p], (frame[p + 1] << 8) | frame[p + 2], (frame[p + 3] << 8) | frame[p + 4], frame[p + 5]
        i += 2 + length
    raise ValueError("no SOF marker")


def references(entry, source, work, count):
    for mode, flag in MODES.items():
        target = os.path.join(work, f"ref-{mode}.dcm")
        if not dcmdjpeg(source, target, flag):
            entry["refs"][mode] = None
            continue
        ref = pydicom.dcmread(target)
        raw = bytes(ref.PixelData)
        # Frame size from the image geometry: odd-length PixelData carries one pad byte.
        size = int(ref.Rows) * int(ref.Columns) * int(ref.SamplesPerPixel) * (int(ref.BitsAllocated) // 8)
        paths = []
        for k in range(count):
            name = os.path.join(work, f"ref-{mode}-{k}.raw")
            with open(name, "wb") as f:
                f.write(raw[k * size : (k + 1) * size])
            paths.append(name)
        entry["refs"][mode] = paths
        entry["referencePhotometric"][mode] = str(ref.PhotometricInterpretation)


def wrap(out_dir, codestreams):
    manifest = []
    for index, name in enumerate(codestreams):
        with open(name, "rb") as f:
            frame = f.read()
        precision, rows, columns, count = sof_header(frame)
        ds = Dataset()
        ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
        ds.SOPInstanceUID = f"1.2.826.0.1.3680043.2.1125.{index + 1}"
        ds.SamplesPerPixel = count
        ds.PhotometricInterpretation = {1: "MONOCHROME2", 3: "RGB", 4: "CMYK"}.get(count, "RGB")
        if count > 1:
            ds.PlanarConfiguration = 0
        ds.Rows = rows
        ds.Columns = columns
        ds.BitsAllocated = 8 if precision == 8 else 16
        ds.BitsStored = precision
        ds.HighBit = precision - 1
        ds.PixelRepresentation = 0
        work = os.path.join(out_dir, f"wrap-{index}")
        os.makedirs(work, exist_ok=True)
        source = os.path.join(work, "wrapped.dcm")
        ts = BASELINE if sof_code(frame) == 0xC0 else EXTENDED
        rewrap(ds, [frame], ts, source)
        entry = {"file": name, "frames": [name], "refs": {}, "referencePhotometric": {}}
        references(entry, source, work, 1)
        manifest.append(entry)
    json.dump(manifest, sys.stdout, indent=1)


def corpus(root, out_dir):
    manifest = []
    for index, (path, ds, ts, frames, sof) in enumerate(candidates(root)):
        rel = os.path.relpath(path, root)
        work = os.path.join(out_dir, str(index))
        os.makedirs(work, exist_ok=True)
        entry = {
            "file": rel,
            "transferSyntax": ts,
            "sof": sof,
            "rows": int(ds.Rows),
            "columns": int(ds.Columns),
            "samplesPerPixel": int(ds.SamplesPerPixel),
            "bitsAllocated": int(ds.BitsAllocated),
            "photometric": str(ds.PhotometricInterpretation),
            "frames": [],
            "via": "original",
            "refs": {},
            "referencePhotometric": {},
        }
        for k, frame in enumerate(frames):
            name = os.path.join(work, f"frame-{k}.jpg")
            with open(name, "wb") as f:
                f.write(frame)
            entry["frames"].append(name)
        right_ts = {0xC0: BASELINE, 0xC1: EXTENDED}.get(sof)
        source = path
        if ts != right_ts or not dcmdjpeg(path, os.path.join(work, "probe.dcm"), "+cn"):
            source = os.path.join(work, "rewrapped.dcm")
            rewrap(ds, frames, right_ts or ts, source)
            entry["via"] = f"rewrapped as {right_ts or ts}"
        references(entry, source, work, len(frames))
        manifest.append(entry)
    json.dump(manifest, sys.stdout, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "corpus":
        corpus(sys.argv[2], sys.argv[3])
    else:
        wrap(sys.argv[2], sys.argv[3:])
