"""The benchmark's synthetic profiles are valid, varied and reproducible (nothing is timed here)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from benchmarks.synth import generate
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent


def _repo(path: Path, n: int = 50, seed: int = 7) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "criteria.yml", path / "criteria.yml")
    generate(path, n, seed=seed)
    return path


def test_fifty_synthetic_profiles_are_valid_without_warnings(tmp_path):
    result = load_showcase(_repo(tmp_path))
    assert [f"{p.path}:{p.line} {p.code} {p.message}" for p in result.problems] == []
    showcase = result.showcase
    assert len(showcase.exemplars) == 50
    assert len(showcase.movements) >= 20
    exemplars = list(showcase.exemplars.values())
    assert {e.kind for e in exemplars} == {"individual", "collective", "household"}
    assert len({e.province.slug for e in exemplars}) == 34  # every province, through its units
    assert len({e.field for e in exemplars}) >= 10
    assert all(e.consent is not None and e.consent.given for e in exemplars if e.kind != "collective")
    assert all(e.photo is None for e in exemplars)  # no photos by default
    per_unit_year = Counter((e.nominated_by, e.year) for e in exemplars)
    assert max(per_unit_year.values()) <= showcase.criteria.max_per_unit_per_year
    for e in exemplars:
        assert all(showcase.movements[m].covers(e.year) for m in e.movements)
        assert "lorem" not in e.body.lower()


def test_generation_is_deterministic_from_the_seed(tmp_path):
    a, b, c = _repo(tmp_path / "a"), _repo(tmp_path / "b"), _repo(tmp_path / "c", seed=8)

    def contents(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file() and p.name != "criteria.yml"}

    assert contents(a) == contents(b)
    assert contents(a) != contents(c)
