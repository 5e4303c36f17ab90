"""Reference pixels for radkit's pixel tests: pydicom 2.3's ``pixel_array``, masked.

Reads one JSON request per line on stdin: ``{"path": ..., "out": ..., "method": ...}``. For
each it writes the frames (frames first: frames x rows x columns [x samples], C order, little
endian) to ``out`` and prints one JSON line: path, ok, shape, dtype, masked (whether masking
changed any value), or the error raised.

``method`` is ``pixel_array`` (default: pydicom's numpy handler, for native files, including
those dcmtk or gdcm decompressed) or ``pillow``: each encapsulated frame decoded by Pillow, which
uses the system's OpenJPEG 2.5 (a native build, independent of the WebAssembly codecs radkit
uses); it is the reference for HTJ2K, which neither dcmtk 3.6.7, gdcm 3.0 nor pydicom 2.3 decode.

pydicom 2.3's numpy handler returns the stored container values as they are: it neither masks
the bits above High Bit nor sign-extends Bits Stored (pydicom 3 does both). PS3.5 §8.1.1 says
those bits are not part of the pixel value, so this script applies the masking and sign
extension itself, with numpy, so that the comparison is with what the standard means;
``masked`` says whether that changed anything, i.e. which files have dirty high bits.
"""
import json
import sys
import warnings

import numpy as np
import pydicom

warnings.simplefilter("ignore")


def frames_first(ds, arr):
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    samples = int(getattr(ds, "SamplesPerPixel", 1) or 1)
    rows, cols = int(ds.Rows), int(ds.Columns)
    if samples > 1:
        return arr.reshape(frames, rows, cols, samples)
    return arr.reshape(frames, rows, cols)


def mask(ds, arr):
    if arr.dtype.kind not in "iu":
        return arr, False
    allocated = int(ds.BitsAllocated)
    stored = int(getattr(ds, "BitsStored", allocated) or allocated)
    high = int(getattr(ds, "HighBit", stored - 1))
    if allocated == 1 or stored >= allocated and high == allocated - 1:
        return arr, False
    unsigned = arr.view(arr.dtype.str.replace("i", "u")).astype(np.uint64)
    shift = high - stored + 1
    value = (unsigned >> np.uint64(shift)) & np.uint64((1 << stored) - 1)
    if arr.dtype.kind == "i":
        value = value.astype(np.int64)
        value = np.where(value >= (1 << (stored - 1)), value - (1 << stored), value)
    out = value.astype(arr.dtype)
    return out, bool(np.any(out != arr))


def pillow_frames(ds):
    from io import BytesIO

    from PIL import Image
    from pydicom.encaps import generate_pixel_data_frame

    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    dtype = np.int16 if int(ds.PixelRepresentation) == 1 else np.uint16
    if int(ds.BitsAllocated) == 8:
        dtype = np.int8 if int(ds.PixelRepresentation) == 1 else np.uint8
    decoded = []
    for codestream in generate_pixel_data_frame(ds.PixelData, frames):
        image = Image.open(BytesIO(codestream))
        image.load()
        decoded.append(np.asarray(image).astype(dtype))
    return np.stack(decoded)


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        path = request["path"]
        record = {"path": path}
        try:
            ds = pydicom.dcmread(path, force=True)
            if request.get("method") == "pillow":
                arr = pillow_frames(ds)
            else:
                arr = frames_first(ds, ds.pixel_array)
            arr, changed = mask(ds, arr)
            arr = np.ascontiguousarray(arr.astype(arr.dtype.newbyteorder("<")))
            with open(request["out"], "wb") as handle:
                handle.write(arr.tobytes())
            record.update(
                ok=True,
                shape=list(arr.shape),
                dtype=arr.dtype.name,
                masked=changed,
                photometric=str(getattr(ds, "PhotometricInterpretation", "")),
            )
        except Exception as error:  # noqa: BLE001 - reported to the test, which decides
            record.update(ok=False, error=f"{type(error).__name__}: {error}")
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
