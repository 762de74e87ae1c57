"""Named validation rules with stable codes.

Every rule is a generator over one document (or over the whole repository) that yields
`Problem`s. `CODES` is the catalogue: one line per code, mirrored by the table in
`docs/quy-tac-kiem-tra.md` (a test keeps the two equal).
"""

from __future__ import annotations

from .catalog import CODES, RuleInfo

__all__ = ["CODES", "RuleInfo"]
