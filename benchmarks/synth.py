"""Generate N valid synthetic exemplar profiles, ~20 movements and a units registry.

Deterministic from a seed: the same (n, seed) always writes the same bytes. The output
follows the data contract in DESIGN.md section 4 and passes `scripts/validate.py` with no
errors and no warnings:

- names built from common family, middle and given names; collectives and households too;
- every kind, category and field, all 34 provinces (slugs mostly, sometimes the name);
- at most 3 profiles per unit per year, and every unit has one in the latest year (so the
  "no exemplar this year" reminder, DH502, stays quiet);
- each profile names movements whose span covers its year;
- bodies of about 400 words of Vietnamese press-style prose in four headed sections;
- consent for individuals and households; dates spread over 2015-2025, none in the future;
- no photos unless asked for (`photos`, a fraction of profiles, needs Pillow).

Usage: python benchmarks/synth.py OUT_DIR --n 1000 [--seed 1] [--photos 0.1]
writes OUT_DIR/exemplars/, OUT_DIR/movements/ and OUT_DIR/units.yml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import vocabulary as V  # noqa: E402
from showcase.provinces import load_provinces  # noqa: E402
from showcase.text import fold, slugify  # noqa: E402

FIRST_YEAR, LAST_YEAR = 2015, 2025
LAST_DATE = dt.date(LAST_YEAR, 12, 31)  # nothing generated is later than this
KINDS = [("individual", 50), ("collective", 35), ("household", 15)]
CATEGORIES = [("advanced-exemplar", 40), ("new-model", 20), ("new-factor", 15), ("good-deed", 25)]
CRITERIA = ["outstanding-achievement", "innovation", "leading-movement", "exemplary-conduct",
            "compassion", "social-contribution", "exceptional-deed"]
PERSON_ONLY = ("Sinh ra", "Gia cảnh", "Nhiều người từng khuyên")
FEATURED = 12


@dataclass
class Profile:
    """What the baseline needs to write the same content as a bare Material page."""

    slug: str
    name: str
    kind: str
    summary: str
    body: str


@dataclass
class Manifest:
    n: int
    seed: int
    profiles: list[Profile] = field(default_factory=list)
    units: int = 0
    movements: int = 0
    photos: int = 0
    words: int = 0

    def as_dict(self) -> dict:
        return {"profiles": self.n, "seed": self.seed, "units": self.units, "movements": self.movements,
                "photos": self.photos, "body_words_mean": round(self.words / max(self.n, 1)),
                "years": f"{FIRST_YEAR}-{LAST_YEAR}"}


# --- YAML writing ----------------------------------------------------------------------------

_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_YAML_SPECIAL = re.compile(r"^(?:[-+]?[\d._]+(?:[eE][-+]?\d+)?|\d{4}-\d\d?-\d\d?.*|~|null|true|false|yes|no|on|off"
                           r"|y|n)$", re.IGNORECASE)


def scalar(value) -> str:
    """A YAML scalar: plain where that is safe (as editors type it), else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    text = str(value)
    if (_PLAIN_START.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and "\n" not in text and not _YAML_SPECIAL.match(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(data: dict) -> str:
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {scalar(v)}" for k, v in value.items())
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                for index, (k, v) in enumerate(item.items()):
                    lines.append(f"{'  - ' if index == 0 else '    '}{k}: {scalar(v)}")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


# --- Generation --------------------------------------------------------------------------------

def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    end = max(start, min(end, LAST_DATE))
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Places:
    """Commune names per province, unique within the province."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pairs = [f"{a} {b}" for a in V.COMMUNE_FIRST for b in V.COMMUNE_SECOND if a != b]

    def commune(self) -> str:
        return self.rng.choice(self.pairs)

    def hamlet(self) -> tuple[str, str]:
        return self.rng.choice(V.HAMLET_KINDS), self.rng.choice(V.HAMLET_NAMES)


def _units(count: int, provinces: list, places: _Places) -> list[dict]:
    units, seen = [], set()
    per_province: dict[str, int] = {}
    for index in range(count):
        prov = provinces[index % len(provinces)]
        position = per_province.get(prov.slug, 0)
        per_province[prov.slug] = position + 1
        where = f"{'thành phố' if prov.type == 'city' else 'tỉnh'} {prov.name}"
        commune = None
        if position < len(V.PROVINCE_DEPARTMENTS):
            dept, level = V.PROVINCE_DEPARTMENTS[position]
            if dept == "Tỉnh đoàn":
                name = f"{'Thành đoàn' if prov.type == 'city' else 'Tỉnh đoàn'} {prov.name}"
            else:
                name = f"{dept} {where}"
            uid = slugify(name)
        else:
            level = "local"
            while True:
                commune = places.commune()
                name = f"UBND xã {commune}, {where}"
                uid = slugify(f"ubnd xa {commune} {prov.slug}")
                if uid not in seen:
                    break
        seen.add(uid)
        units.append({"id": uid, "name": name, "level": level, "province": prov, "commune": commune})
    return units


def _slots(rng: random.Random, n: int, units: int) -> list[tuple[int, int]]:
    """(unit index, year) for n profiles: at most 3 per unit and year, each unit once in LAST_YEAR."""
    first = [(u, LAST_YEAR) for u in range(min(units, n))]
    rest = [(u, y) for u in range(units) for y in range(FIRST_YEAR, LAST_YEAR + 1)
            for _ in range(2 if y == LAST_YEAR else 3)]
    rng.shuffle(rest)
    return first + rest[: n - len(first)]


def _name(rng: random.Random, kind: str) -> tuple[str, str, str]:
    """(full name, given name, honorific) of a person."""
    male = rng.random() < 0.5
    family = rng.choice(V.FAMILY_NAMES)
    middle = rng.choice(V.MIDDLE_MALE if male else V.MIDDLE_FEMALE)
    given = rng.choice(V.GIVEN_MALE if male else V.GIVEN_FEMALE)
    if kind == "household" or rng.random() < 0.3:
        honorific = "ông" if male else "bà"
    else:
        honorific = "anh" if male else "chị"
    return f"{family} {middle} {given}", given, honorific


def _numbers(rng: random.Random, year: int) -> dict:
    years = rng.randint(3, 10)
    return {
        "year": year, "start": year - rng.randint(3, 8), "pct_poor": rng.randint(15, 40),
        "initiatives": rng.randint(2, 9), "income": rng.randint(80, 950), "times": rng.randint(2, 5),
        "helped": rng.randint(5, 60), "pct": rng.randint(85, 99), "years": years,
        "since": year - years + 1, "money": rng.randint(50, 900), "members": rng.randint(20, 200),
        "workers": rng.randint(3, 80), "trained": rng.randint(30, 400), "classes": rng.randint(2, 12),
        "n": rng.randint(10, 150), "k": rng.randint(1, 9), "org": rng.choice(V.ORGS),
    }


def _body(rng: random.Random, values: dict, kind: str, words: int) -> str:
    def pick(pool: list[str], budget: int) -> list[str]:
        pool = [s for s in pool if kind != "collective" or not s.startswith(PERSON_ONLY)]
        chosen, count = [], 0
        for sentence in rng.sample(pool, len(pool)):
            text = sentence.format(**values)
            size = len(text.split())
            if count + size > budget and len(chosen) >= 2:
                break
            chosen.append(_cap(text))
            count += size
        return chosen

    budget = max(30, words * 11 // 40)
    parts = [" ".join([rng.choice(V.INTRO).format(**values)] + pick(V.BACKGROUND, budget - 25))]
    for section, pool in (("approach", V.APPROACH), ("results", V.RESULTS), ("spread", V.SPREAD)):
        sentences = pick(pool, budget)
        half = (len(sentences) + 1) // 2
        paragraphs = [" ".join(sentences[:half]), " ".join(sentences[half:])] if len(sentences) > 3 \
            else [" ".join(sentences)]
        parts.append(f"## {rng.choice(V.HEADINGS[section])}\n\n" + "\n\n".join(p for p in paragraphs if p))
    return "\n\n".join(parts) + "\n"


def generate(out: Path, n: int, seed: int = 1, photos: float = 0.0, words: int = 400) -> Manifest:
    """Write n profiles, the movements and units.yml under `out`; return what was written."""
    out = Path(out)
    for folder in ("exemplars", "movements"):
        target = out / folder
        if target.exists() and any(target.iterdir()):
            raise FileExistsError(f"{target} is not empty; synthetic content goes into a fresh directory")
        target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    places = _Places(rng)
    provinces = sorted(load_provinces().by_slug.values(), key=lambda p: p.code)
    years = LAST_YEAR - FIRST_YEAR + 1
    # Enough units for every province, each with one profile in the latest year (DH502).
    unit_count = max(1, min(n, max(len(provinces), math.ceil(n / (2 * years)))))
    units = _units(unit_count, provinces, places)
    manifest = Manifest(n, seed, units=len(units), movements=len(V.MOVEMENTS))

    # units.yml
    lines = ["# Synthetic units registry (benchmarks/synth.py): one line per nominating unit."]
    lines += [f"{u['id']}: {{name: {json.dumps(u['name'], ensure_ascii=False)}, level: {u['level']}}}" for u in units]
    (out / "units.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # movements/
    for slug, (name, launched_by, level, start, end, basis) in V.MOVEMENTS.items():
        meta = {"name": name, "launched_by": launched_by, "level": level, "start": start}
        if end is not None:
            meta["end"] = end
        if basis:
            meta["legal_basis"] = [basis]
        meta["summary"] = f"Phong trào thi đua “{name}” do {launched_by} phát động từ năm {start}."
        span = f"từ năm {start} đến năm {end}" if end else f"từ năm {start} đến nay"
        body = (f"Phong trào “{name}” được {launched_by} phát động {span}, nhằm động viên các tập thể, "
                "cá nhân thi đua lao động, sản xuất, công tác, học tập; kịp thời phát hiện, bồi dưỡng, tuyên "
                "truyền và nhân rộng các điển hình tiên tiến, mô hình mới, nhân tố mới trong đời sống xã hội.\n")
        (out / "movements" / f"{slug}.md").write_text(front_matter(meta) + "\n" + body, encoding="utf-8")

    # exemplars/
    photo_bytes = _photo_bytes(rng) if photos > 0 else []
    if photos > 0:
        (out / "exemplars" / "images").mkdir()
    slugs: set[str] = set()
    identities: set[tuple] = set()
    featured = set(rng.sample(range(n), min(FEATURED, n)))
    fields = list(V.FIELDS)
    for index, (unit_index, year) in enumerate(_slots(rng, n, len(units))):
        unit = units[unit_index]
        prov = unit["province"]
        kind = _weighted(rng, KINDS)
        while True:
            commune = unit["commune"] if unit["commune"] and rng.random() < 0.7 else places.commune()
            hamlet_kind, hamlet = places.hamlet()
            if kind == "collective":
                field_id = rng.choice(fields)
                template = rng.choice(V.FIELDS[field_id]["collectives"])
                name = template.format(commune=commune, hamlet=hamlet, province=prov.name, k=rng.randint(1, 9))
                ref, short = name, rng.choice(["tập thể", "đơn vị"])
                place = f"xã {commune}"
            else:
                field_id = rng.choice(fields)
                person, given, honorific = _name(rng, kind)
                if kind == "household":
                    name = f"Hộ {honorific} {person}"
                    ref, short = f"gia đình {honorific} {person}", f"gia đình {honorific} {given}"
                else:
                    name = person
                    ref, short = f"{honorific} {person}", f"{honorific} {given}"
                place = f"{hamlet_kind} {hamlet}, xã {commune}"
            province_value = prov.slug if rng.random() < 0.8 else prov.name
            identity = (fold(name).strip(), kind, prov.slug, fold(place))  # as DH208: a province by what it is
            if identity not in identities:
                identities.add(identity)
                break
        slug = slugify(name)
        if slug in slugs:
            slug = slugify(f"{name} {commune}")
        base, suffix = slug, 2
        while slug in slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        slugs.add(slug)

        spec = V.FIELDS[field_id]
        values = _numbers(rng, year)
        work = rng.choice(spec["work"])
        result = rng.choice(spec["result"]).format(**values)
        values.update(ref=ref, Ref=_cap(ref), short=short, Short=_cap(short),
                      place=f"xã {commune}", unit=unit["name"], work=work, result=result, result_short=result)
        category = _weighted(rng, CATEGORIES)
        if kind == "individual":
            summary = f"{spec['role']} ở xã {commune}, {prov.name}: {work}, {result}."
        elif kind == "household":
            summary = f"Hộ gia đình ở xã {commune}, {prov.name} {work}; {result}."
        else:
            summary = f"Tập thể tiêu biểu ở xã {commune}, {prov.name}: {work}, {result}."
        summary = _cap(summary)[:300]

        candidates = [m for m in V.FIELD_MOVEMENTS[field_id] + V.GENERIC_MOVEMENTS if _covers(m, year)]
        movements = sorted(set(rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2])))),
                           key=candidates.index)
        published = _date_between(rng, dt.date(year, 2, 1), dt.date(year + 1, 6, 30))
        meta: dict = {
            "name": name, "kind": kind, "category": category, "summary": summary, "field": field_id,
            "year": year, "nominated_by": unit["id"], "province": province_value, "place": place,
            "movements": movements, "criteria": sorted(rng.sample(CRITERIA, rng.randint(1, 3)), key=CRITERIA.index),
            "achievements": [_cap(a.format(**values)) for a in rng.sample(V.ACHIEVEMENTS, rng.randint(1, 4))],
        }
        if rng.random() < 0.6:
            awards = [_commendation(rng, year, prov, commune) for _ in range(rng.randint(1, 2))]
            meta["commendations"] = list({a["title"]: a for a in awards}.values())
        if photo_bytes and rng.random() < photos:
            rel = f"images/{slug}.jpg"
            (out / "exemplars" / rel).write_bytes(photo_bytes[index % len(photo_bytes)])
            meta["photo"] = rel
            meta["photo_alt"] = f"{_cap(ref)} tại {place}"
            manifest.photos += 1
        if kind != "collective":
            consent_date = max(dt.date(year, 1, 1), published - dt.timedelta(days=rng.randint(5, 90)))
            meta["consent"] = {"given": True, "date": consent_date,
                               "by": "family" if kind == "household" else rng.choice(["self", "self", "representative"])}
        if rng.random() < 0.35:
            meta["sources"] = [f"https://{rng.choice(V.NEWS_SITES)}/{slug}-{rng.randint(100000, 999999)}.htm"]
        meta["published"] = published
        if index in featured:
            meta["featured"] = True
        body = _body(rng, values, kind, words)
        (out / "exemplars" / f"{slug}.md").write_text(front_matter(meta) + "\n" + body, encoding="utf-8")
        manifest.words += len(re.findall(r"\w+", body))
        manifest.profiles.append(Profile(slug, name, kind, summary, body))
    return manifest


def _covers(slug: str, year: int) -> bool:
    _, _, _, start, end, _ = V.MOVEMENTS[slug]
    return start <= year and (end is None or year <= end)


def _commendation(rng: random.Random, year: int, prov, commune: str) -> dict:
    where = f"{'thành phố' if prov.type == 'city' else 'tỉnh'} {prov.name}"
    date = _date_between(rng, dt.date(year, 6, 1), dt.date(year + 1, 3, 31))
    choice = rng.random()
    if choice < 0.5:
        return {"title": f"Bằng khen của Chủ tịch UBND {where}", "form": "certificate-of-merit",
                "issuer": f"UBND {where}", "decision": f"Quyết định số {rng.randint(100, 4999)}/QĐ-UBND", "date": date}
    if choice < 0.8:
        return {"title": f"Giấy khen của Chủ tịch UBND xã {commune}", "form": "certificate-of-commendation",
                "issuer": f"UBND xã {commune}", "decision": f"Quyết định số {rng.randint(10, 999)}/QĐ-UBND", "date": date}
    if choice < 0.95:
        return {"title": "Danh hiệu Chiến sĩ thi đua cơ sở", "form": "emulation-title",
                "issuer": f"UBND xã {commune}", "decision": f"Quyết định số {rng.randint(10, 999)}/QĐ-UBND", "date": date}
    return {"title": "Huân chương Lao động hạng Ba", "form": "order", "issuer": "Chủ tịch nước",
            "decision": f"Quyết định số {rng.randint(100, 2999)}/QĐ-CTN", "date": date}


def _photo_bytes(rng: random.Random, count: int = 8) -> list[bytes]:
    """A few distinct 1600x1067 JPEGs (gradients and shapes), reused across profiles."""
    import io

    from PIL import Image, ImageDraw

    images = []
    for _ in range(count):
        img = Image.new("RGB", (1600, 1067))
        draw = ImageDraw.Draw(img)
        a = [rng.randint(0, 255) for _ in range(3)]
        b = [rng.randint(0, 255) for _ in range(3)]
        for y in range(1067):
            t = y / 1066
            draw.line([(0, y), (1600, y)], fill=tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3)))
        for _ in range(40):
            x, y, r = rng.randint(0, 1600), rng.randint(0, 1067), rng.randint(10, 120)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randint(0, 255) for _ in range(3)))
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", quality=85)
        images.append(buffer.getvalue())
    return images


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write exemplars/, movements/, units.yml into")
    parser.add_argument("--n", type=int, default=1000, help="number of profiles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--photos", type=float, default=0.0, help="fraction of profiles with a photo (0-1)")
    parser.add_argument("--words", type=int, default=400, help="approximate body length in words")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.n, args.seed, args.photos, args.words)
    print(json.dumps(manifest.as_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
