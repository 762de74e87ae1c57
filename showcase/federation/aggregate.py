"""scripts/aggregate.py's work: harvest every SITE, say what was read, write the portal.

Messages go to `err` in Vietnamese. A site that cannot be read is skipped with its reason and
the portal is written from the others (a province's site being down must not hold the portal
back); with no profile read at all, nothing is written. Exit status: 0 written, 1 nothing
written (no profile read, or the folder cannot be written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..hygiene import shown
from . import harvest as harvesting
from . import portal as portals

SHOWN_WARNINGS = 20  # per site; the rest are counted


def run(sources: list[str], out: Path, title: str = portals.TITLE, err: TextIO = sys.stderr,
        timeout: float = harvesting.TIMEOUT) -> int:
    harvests = []
    for source in sources:
        err.write(f"Đang đọc {shown(source)}…\n")
        h = harvesting.harvest(source, timeout=timeout)
        harvests.append(h)
        if h.error:
            err.write(f"  Không dùng được {shown(source)}: {h.error} Bỏ qua trang này.\n")
            continue
        for warning in h.warnings[:SHOWN_WARNINGS]:
            err.write(f"  Cảnh báo: {warning}\n")
        if len(h.warnings) > SHOWN_WARNINGS:
            err.write(f"  … và {len(h.warnings) - SHOWN_WARNINGS} cảnh báo khác của trang này.\n")
        err.write(f"  {h.site.name} ({h.site.url}): {len(h.records)} hồ sơ"
                  + (f", bỏ qua {len(h.warnings)} hồ sơ sai" if h.warnings else "") + ".\n")
    portal = portals.gather(harvests, title)
    for warning in portal.warnings:
        err.write(f"  Cảnh báo: {warning}\n")
    if not portal.records:
        err.write("Không đọc được hồ sơ nào nên không ghi cổng tổng hợp.\n")
        return 1
    err.write(f"Đang ghi cổng tổng hợp và lập chỉ mục tìm kiếm ({len(portal.records)} hồ sơ)…\n")
    try:
        pages = portals.write(portal, out)
    except portals.PortalError as exc:
        err.write(f"Không ghi được cổng tổng hợp: {exc}\n")
        return 1
    failed = sum(1 for h in harvests if h.error)
    err.write(f"Đã ghi cổng tổng hợp vào {shown(out)}: {len(portal.records)} hồ sơ của {len(portal.site_ids)} "
              "trang web, "
              f"{pages} trang." + (f" {failed} trang không đọc được (xem ở trên)." if failed else "") + "\n")
    return 0
