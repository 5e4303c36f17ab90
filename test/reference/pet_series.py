"""
A dynamic PET series, written with pydicom: the corpus has no PET (PS3.3 A.21, PET Image IOD).

Usage: pet_series.py <folder> [--frames N] [--slices N] [--durations uneven|even]
                      [--numbering frames|reversed|per-frame]

Each frame is a time slice of N slices (Image Index = (frame - 1) * slices + slice, PS3.3
C.8.9.4.1.9), with the PET module's timing (Frame Reference Time, Actual Frame Duration,
Acquisition Time = the frame's start), a rescale slope of its own per image (as scanners write
them: each image is scaled to its own range), the Radiopharmaceutical Information Sequence, decay
and dose calibration factors. Frames last 60, 120, 300, 300 then 600 s (`uneven`) or 60 s each
(`even`). Instance Numbers follow the frames, start from the last frame (`reversed`) or start
again at 1 in each frame (`per-frame`, as GE numbers dynamic PET). Files
get random names, so that nothing but the headers orders them. Voxel (row r, column c) of slice
s in frame f holds 1000 (f + 1) + 100 s + 10 r + c Bq/ml.
"""
import argparse
import os
import random

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--frames", type=int, default=3)
parser.add_argument("--slices", type=int, default=5)
parser.add_argument("--durations", choices=["uneven", "even"], default="uneven")
parser.add_argument("--numbering", choices=["frames", "reversed", "per-frame"], default="frames")
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()
os.makedirs(args.folder, exist_ok=True)
rng = random.Random(args.seed)

study, series, frame_of_reference = generate_uid(), generate_uid(), generate_uid()
rows, columns = 8, 6
# Injection at 10:00:00, the scan from 10:01:00.
if args.durations == "even":
    durations_s = [60] * args.frames
else:
    durations_s = [60, 120, 300, 300, 600][: args.frames] + [600] * max(0, args.frames - 5)
starts_s = [60 + sum(durations_s[:f]) for f in range(args.frames)]

for frame in range(args.frames):
    for slice_ in range(args.slices):
        index = frame * args.slices + slice_ + 1
        numbered = {"frames": frame, "reversed": args.frames - 1 - frame, "per-frame": 0}[args.numbering]
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.128"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SpecificCharacterSet = "ISO_IR 100"
        ds.ImageType = ["ORIGINAL", "PRIMARY"]
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = "20240305"
        ds.StudyTime = ds.SeriesTime = "100100"
        start = 10 * 3600 + starts_s[frame]
        ds.AcquisitionTime = "%02d%02d%02d" % (start // 3600, start // 60 % 60, start % 60)
        ds.Modality = "PT"
        ds.Manufacturer = "SIEMENS"
        ds.ManufacturerModelName = "Biograph64"
        ds.StationName = "PETCT"
        ds.SeriesDescription = "PET dynamic"
        ds.ProtocolName = "FDG brain dynamic"
        ds.PatientName = "PET^Synthetic"
        ds.PatientID = "PET001"
        ds.PatientBirthDate = "19700101"
        ds.PatientSex = "F"
        ds.PatientWeight = "70"
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.FrameOfReferenceUID = frame_of_reference
        ds.StudyID = "1"
        ds.SeriesNumber = 4
        ds.InstanceNumber = numbered * args.slices + slice_ + 1
        ds.ImagePositionPatient = [-20.0, -30.0, -40.0 + 3.0 * slice_]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.SliceLocation = -40.0 + 3.0 * slice_
        ds.PixelSpacing = [4.0, 4.0]
        ds.SliceThickness = "3"
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows, ds.Columns = rows, columns
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 0
        # PET Series and Image modules (PS3.3 C.8.9.1, C.8.9.4).
        ds.SeriesType = ["DYNAMIC", "IMAGE"]
        ds.Units = "BQML"
        ds.CountsSource = "EMISSION"
        ds.NumberOfSlices = args.slices
        ds.NumberOfTimeSlices = args.frames
        ds.DecayCorrection = "START"
        ds.CorrectedImage = ["NORM", "DTIM", "ATTN", "SCAT", "DECY", "RAN"]
        ds.RandomsCorrectionMethod = "DLYD"
        ds.AttenuationCorrectionMethod = "measured,AC CT"
        ds.ReconstructionMethod = "OSEM3D 4i21s"
        ds.ConvolutionKernel = "GAUSSIAN"
        ds.ScatterCorrectionMethod = "Model-based"
        ds.DecayFactor = "%.5f" % (2 ** (starts_s[frame] / 6586.2))
        ds.DoseCalibrationFactor = "28500"
        ds.ScatterFractionFactor = "0.3"
        ds.DeadTimeFactor = "1.01"
        ds.FrameReferenceTime = "%.1f" % (1000 * (starts_s[frame] - 60 + durations_s[frame] / 2))
        ds.ActualFrameDuration = 1000 * durations_s[frame]
        ds.ImageIndex = index
        ds.PrimaryPromptsCountsAccumulated = 1000000
        radiopharmaceutical = Dataset()
        radiopharmaceutical.Radiopharmaceutical = "Fluorodeoxyglucose"
        radiopharmaceutical.RadiopharmaceuticalStartTime = "100000.00"
        radiopharmaceutical.RadionuclideTotalDose = "185000000"
        radiopharmaceutical.RadionuclideHalfLife = "6586.2"
        radiopharmaceutical.RadionuclidePositronFraction = "0.97"
        nuclide = Dataset()
        nuclide.CodeValue = "C-111A1"
        nuclide.CodingSchemeDesignator = "SRT"
        nuclide.CodeMeaning = "^18^Fluorine"
        radiopharmaceutical.RadionuclideCodeSequence = Sequence([nuclide])
        ds.RadiopharmaceuticalInformationSequence = Sequence([radiopharmaceutical])
        # Voxels: frame, slice and position coded, so a misplaced one shows; each image scaled
        # to its own range, as PET scanners do.
        activity = np.fromfunction(
            lambda r, c: 1000.0 * (frame + 1) + 100.0 * slice_ + 10.0 * r + c, (rows, columns)
        )
        slope = float(activity.max()) / 32767
        stored = np.round(activity / slope).astype(np.uint16)
        ds.RescaleIntercept = "0"
        ds.RescaleSlope = "%.10g" % slope
        ds.RescaleType = "BQML"
        ds.PixelData = stored.tobytes()
        name = "%08x.dcm" % rng.getrandbits(32)
        ds.save_as(os.path.join(args.folder, name), write_like_original=False)
