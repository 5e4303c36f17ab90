"""The reference for `radkit index`: every file under a folder as pydicom sees it.

Prints one JSON object per file (hidden files and folders skipped, as radkit skips them):
{"path", "PatientID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"} for a DICOM
instance, {"path", "error"} otherwise. The rules are radkit's, applied with pydicom:
* a gzip-compressed file is read decompressed (radkit reads .dcm.gz as DICOM);
* a file pydicom refuses as not Part 10 is read again with force=True (a bare dataset);
* the instance UID is SOPInstanceUID, else the File Meta's MediaStorageSOPInstanceUID;
* without either, or for a DICOMDIR (Media Storage Directory Storage), it is not an instance.
"""
import gzip
import io
import json
import os
import sys

import pydicom
from pydicom.errors import InvalidDicomError


def text(ds, keyword):
    value = ds.get(keyword, '')
    return '' if value is None else str(value)


DIRECTORY = '1.2.840.10008.1.3.10'


def describe(path, rel):
    try:
        with open(path, 'rb') as f:
            data = f.read()
        if data[:2] == b'\x1f\x8b':
            data = gzip.decompress(data)
        try:
            ds = pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True)
        except InvalidDicomError:
            ds = pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True, force=True)
        meta = getattr(ds, 'file_meta', None) or {}
        sop = text(ds, 'SOPInstanceUID') or str(meta.get('MediaStorageSOPInstanceUID', '') or '')
        sop_class = text(ds, 'SOPClassUID') or str(meta.get('MediaStorageSOPClassUID', '') or '')
        if sop == '' or sop_class == DIRECTORY:
            return {'path': rel, 'error': 'no SOPInstanceUID, or a DICOMDIR'}
        return {
            'path': rel,
            'PatientID': text(ds, 'PatientID'),
            'StudyInstanceUID': text(ds, 'StudyInstanceUID'),
            'SeriesInstanceUID': text(ds, 'SeriesInstanceUID'),
            'SOPInstanceUID': sop,
        }
    except Exception as error:  # noqa: BLE001 - every failure is a result here
        return {'path': rel, 'error': f'{type(error).__name__}: {error}'}


def main(root):
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in sorted(files):
            if name.startswith('.'):
                continue
            path = os.path.join(folder, name)
            print(json.dumps(describe(path, os.path.relpath(path, root))))


if __name__ == '__main__':
    main(sys.argv[1])
