"""Print pydicom's data dictionaries as one JSON document on stdout.

Input of scripts/generate-dictionary.ts. pydicom (Debian's python3-pydicom) publishes PS3.6/PS3.7
as generated Python tables and records the standard edition in `__dicom_version__`; GDCM's
private dictionary comes with it. Only the data is taken; radkit's lookup code is its own.
"""
import json
import sys

import pydicom
from pydicom import _dicom_dict, _private_dict, _uid_dict
from pydicom._version import __dicom_version__

out = {
    "pydicomVersion": pydicom.__version__,
    "standardVersion": __dicom_version__,
    "elements": [[tag, *entry] for tag, entry in sorted(_dicom_dict.DicomDictionary.items())],
    "repeaters": [[mask, *entry] for mask, entry in sorted(_dicom_dict.RepeatersDictionary.items())],
    "private": [
        [creator, key, *entry]
        for creator, table in sorted(_private_dict.private_dictionaries.items())
        for key, entry in sorted(table.items())
    ],
    "uids": [[uid, *entry] for uid, entry in sorted(_uid_dict.UID_dictionary.items())],
}
json.dump(out, sys.stdout)
