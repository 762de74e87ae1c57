"""Remove hidden data (GPS position, EXIF, XMP, comments) from the photos in exemplars/, losslessly.

Usage: python scripts/fix.py [FILE ...] [--check] [--root DIR]
FILE: photos, or profiles (.md) whose photo is fixed; default: every photo under exemplars/.
Exit status: 0 done (or nothing to remove), 1 a photo could not be fixed (with --check: a photo
still holds hidden data), 2 bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from showcase.fix import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
