"""A reproducible portfolio of unit declarations, for the benchmark and its tests.

Usage::

    python bench/portfolio.py DIR [--count N] [--seed S] [--standards STANDARDS] [--mous MOUS] [--offers FILE]

writes N declarations (default 1,000) into DIR, named ``0001-xa-inf-0001.yaml`` and so on,
about one in ten as JSON, and ``DIR/.manifest.json`` with the expected verdict of each file.
The manifest's name starts with a dot because ``pkcheck check DIR`` skips hidden files; any
other ``.json`` file in DIR would be checked as a declaration.

Each declaration is one of the shipped examples (``examples/x*.yaml``, ``x*.json``) under a
new unit id, name and country (XA..XZ), with the same totals but recorded the way force
generation staff keep them: training by platoon, section or individual (a cohort's ``trained``
split over several entries with the same dates and role, so every sum is kept) and equipment
by company or section (quantity and serviceable split over lines, lease kept), with a comment
naming the sub-unit (an ``x-sub-unit`` key in JSON). The verdict as of 2026-11-26 without
waivers is therefore the example's own, which its file name states. The entries are split
finely enough that each file is 10 to 30 KB.

With ``--standards STANDARDS``, the portfolio is instead one country's (``NATIONAL``), which
keeps standards of its own and codes of its own: every course and equipment item code, in the
declarations and in the copies of the shipped standards written into STANDARDS (same ids, so
that with ``--standards-path STANDARDS`` they take the shipped ones' place), is the country's
(``national_code``: ``un-cptm`` is ``xn-cptm``). No vocabulary knows them: a code the
standard checks counts as known to its declarations, and the others (courses and items a unit
records that its standard does not check) are warned about, each with the nearest known code.
The verdicts and findings are the examples' own, as in the shipped portfolio.

With ``--offers FILE``, partners' offers for the portfolio (``pkcheck: offers/v1``, ``--offer-count``
entries, default 300) are written to FILE too (``generate_offers``), for ``pkcheck match``.

With ``--mous MOUS``, an MOU per unit is written into MOUS too (``generate_mous``): each
unit's own, which it meets, so that with ``--standards-path MOUS`` every unit is verified
against its MOU line by line and keeps its verdict.

The same count and seed give byte-identical files: every random choice comes from
``random.Random`` seeded with the seed and the file's number, and nothing reads the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
MANIFEST = ".manifest.json"
AS_OF = "2026-11-26"
MIN_SIZE, MAX_SIZE = 10_240, 30_000  # 10 KiB to 30 kB: within "10-30 KB" either way
COUNTRIES = tuple(f"X{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
NATIONAL = "XN"  # the country of the portfolio with standards and codes of its own
STANDARDS = REPO / "standards"
# A code after `course:` or `item:` in a standard, alone or in a flow list: ``item: [a, b]``.
_CODE_SETTING = re.compile(r"^(\s*(?:-\s+)?(?:.*[{,]\s*)?(?:course|item):\s*)(\[[^\]]*\]|[a-z0-9-]+)", re.MULTILINE)
ABBREVIATION = {
    "infantry-battalion": "inf",
    "formed-police-unit": "fpu",
    "level-1-hospital": "l1h",
    "level-2-hospital": "l2h",
    "military-engineer-unit": "eng",
    "eod-company": "eod",
    "utility-helicopter-unit": "hel",
    "military-police-company": "mpc",
}

# Sub-units of each unit type, from the largest grouping down; training cohorts and equipment
# lines are named after them.
_RIFLE = ("1 Platoon", "2 Platoon", "3 Platoon", "Company HQ")
SUB_UNITS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "infantry-battalion": (
        ("A Company", _RIFLE),
        ("B Company", _RIFLE),
        ("C Company", _RIFLE),
        ("D Company", _RIFLE),
        ("Support Company", ("Mortar Platoon", "Reconnaissance Platoon", "Anti-armour Platoon", "Engineer Platoon")),
        ("HQ Company", ("Signals Platoon", "Transport Platoon", "Medical Platoon", "Battalion HQ")),
    ),
    "formed-police-unit": (
        ("1 Platoon", ("1 Section", "2 Section", "3 Section", "4 Section")),
        ("2 Platoon", ("1 Section", "2 Section", "3 Section", "4 Section")),
        ("3 Platoon", ("1 Section", "2 Section", "3 Section", "4 Section")),
        ("Command Element", ("Operations Cell", "Liaison Cell")),
        ("Support Element", ("Logistics Section", "Transport Section", "Medical Section")),
    ),
    "level-1-hospital": (
        ("Headquarters", ("Command", "Administration")),
        ("Treatment Team", ("Resuscitation", "Ward", "Primary Care")),
        ("Forward Medical Team", ("Team 1", "Team 2")),
        ("Ambulance Section", ("Crew 1", "Crew 2")),
        ("Logistics Section", ("Stores", "Kitchen")),
    ),
    "level-2-hospital": (
        ("Headquarters", ("Command", "Administration")),
        ("Surgical Team", ("Theatre 1", "Theatre 2")),
        ("Ward", ("Ward A", "Ward B", "High Dependency")),
        ("Diagnostics", ("X-ray", "Laboratory")),
        ("Dental Section", ("Clinic",)),
        ("Ambulance Section", ("Crew 1", "Crew 2", "Crew 3")),
        ("Logistics Section", ("Stores", "Kitchen", "Maintenance")),
    ),
    "military-engineer-unit": (
        ("1 Field Platoon", ("1 Section", "2 Section", "3 Section")),
        ("2 Field Platoon", ("1 Section", "2 Section", "3 Section")),
        ("Plant Platoon", ("Earth-moving Section", "Road Section", "Water Section")),
        ("Company HQ", ("Command", "Logistics", "Medical")),
    ),
    "eod-company": (
        ("EOD Platoon", ("Team 1", "Team 2", "Team 3", "Team 4")),
        ("IEDD Platoon", ("Team 1", "Team 2")),
        ("Search and Detect Platoon", ("Team 1", "Team 2")),
        ("Company HQ", ("Command", "Logistics", "Medical")),
    ),
    "utility-helicopter-unit": (
        ("A Flight", ("Crew 1", "Crew 2", "Crew 3")),
        ("B Flight", ("Crew 1", "Crew 2", "Crew 3")),
        ("Maintenance Section", ("Airframes", "Engines", "Avionics")),
        ("Headquarters", ("Command", "Operations", "Aviation Safety")),
        ("Support Section", ("Refuelling", "Crash Rescue", "Medical", "Kitchen")),
    ),
    "military-police-company": (
        ("1 Platoon", ("1 Section", "2 Section", "3 Section")),
        ("2 Platoon", ("1 Section", "2 Section", "3 Section")),
        ("3 Platoon", ("1 Section", "2 Section", "3 Section")),
        ("Investigations Section", ("Investigators", "Traffic")),
        ("Company HQ", ("Command", "Close Protection", "Medical", "Logistics")),
    ),
}
# Courses that hospital staff also record, which no shipped hospital standard checks: they
# add records, never findings. Not for a Level 1 hospital: with the core's mission-specific
# training, one record a person already brings its JSON close to 30 kB.
EXTRA_COURSES: dict[str, tuple[dict[str, Any], ...]] = {
    "level-2-hospital": ({"course": "weapons-qualification", "completed": "2026-05-12"},),
}
# Cohort sizes tried, largest first, until a file reaches its drawn size; 1 is one entry a person.
COHORTS = (120, 80, 60, 45, 36, 30, 24, 18, 14, 10, 8, 6, 4, 3, 2, 1)


@dataclass(frozen=True)
class Base:
    """A shipped example a generated declaration copies: its file, data and verdict."""

    path: Path
    data: dict[str, Any]
    verdict: str
    country: str | None = None  # the one country whose own codes it has (``national_data``)

    @property
    def unit_type(self) -> str:
        return str(self.data["unit"]["type"])


def expected_verdict(name: str) -> str:
    """The verdict an example's file name states (``xc-inf-03-not-ready.yaml`` -> not-ready)."""
    match = re.search(r"-(not-ready|conditional|ready)$", Path(name).stem)
    if match is None:
        raise ValueError(f"{name}: the file name does not end in its verdict")
    return match.group(1)


def load_bases(folder: Path = EXAMPLES) -> list[Base]:
    """The example declarations, in name order, with dates as ISO strings; but those with a
    section of their own under an ``x-`` key (``x-mission``, which the convoy-escort examples'
    ``schema`` checks read): the portfolio drops ``x-`` keys, and so the benchmark measures the
    same portfolio as before that kind existed."""
    yaml = YAML(typ="safe", pure=True)
    bases = []
    for path in sorted([*folder.glob("x*.yaml"), *folder.glob("x*.json")]):
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text)
        if any(_dropped(key) and isinstance(value, dict) for key, value in data.items()):
            continue
        bases.append(Base(path, _iso_dates(data), expected_verdict(path.name)))
    return bases


def _dropped(key: Any) -> bool:
    return str(key).startswith("x-")


def _iso_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _iso_dates(item) for key, item in value.items() if not _dropped(key)}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def national_code(code: str, country: str = NATIONAL) -> str:
    """A country's own code for a UN course or item: ``un-cptm`` -> ``xn-cptm``."""
    return f"{country.lower()}-{code.removeprefix('un-')}"


def national_data(data: dict[str, Any], country: str = NATIONAL) -> dict[str, Any]:
    """A declaration's data with the country's own course and item codes."""
    renamed = dict(data)
    for section, key in (("training", "course"), ("equipment", "item")):
        if isinstance(data.get(section), list):
            renamed[section] = [
                dict(entry, **{key: national_code(entry[key], country)}) if key in entry else entry
                for entry in data[section]
            ]
    return renamed


def national_standard(text: str, country: str = NATIONAL) -> str:
    """A shipped standard's text with the country's own course and item codes."""

    def renamed(match: re.Match[str]) -> str:
        value = match.group(2)
        if value.startswith("["):
            codes = [code.strip() for code in value[1:-1].split(",")]
            value = "[" + ", ".join(national_code(code, country) for code in codes) + "]"
        else:
            value = national_code(value, country)
        return match.group(1) + value

    return _CODE_SETTING.sub(renamed, text)


def write_national_standards(folder: Path, country: str = NATIONAL) -> list[Path]:
    """The shipped standards that name courses or items, with the country's codes, into
    ``folder`` (under their own ids: they shadow the shipped ones on the search path)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(STANDARDS.glob("un-*.yaml")):
        text = path.read_text(encoding="utf-8")
        national = national_standard(text, country)
        if national != text:
            about = (
                f"# {country}'s own edition of {path.name}, with its own course and item codes (bench/portfolio.py).\n"
            )
            (folder / path.name).write_text(about + national, encoding="utf-8")
            written.append(folder / path.name)
    return written


def generate(folder: Path, count: int = 1000, seed: int = 0, standards: Path | None = None) -> list[dict[str, str]]:
    """Write ``count`` declarations and the manifest into ``folder``; return the manifest's files.
    With ``standards``, the declarations are ``NATIONAL``'s, with its own codes, and its
    standards are written into ``standards``.

    Files listed by an earlier manifest in the folder are removed first, so a smaller
    portfolio does not leave old files behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _remove_previous(folder)
    bases = load_bases()
    if standards is not None:
        write_national_standards(standards)
        bases = [Base(base.path, national_data(base.data), base.verdict, NATIONAL) for base in bases]
    order = random.Random(f"{seed}:order")
    json_numbers = set(order.sample(range(1, count + 1), max(1, round(count / 10)) if count > 1 else 0))
    files = []
    for number, base in zip(range(1, count + 1), _cycle_shuffled(bases, order), strict=False):  # the cycle never ends
        entry = _write_one(folder, base, number, seed, as_json=number in json_numbers)
        files.append(entry)
    manifest: dict[str, Any] = {"generator": "bench/portfolio.py", "seed": seed, "count": count, "as_of": AS_OF}
    if standards is not None:
        manifest["country"] = NATIONAL
    manifest["files"] = files
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return files


def generate_mous(folder: Path, files: list[dict[str, str]]) -> list[Path]:
    """Write an MOU (``pkcheck: mou/v1``) for each unit of a portfolio's manifest ``files`` into
    ``folder`` (given with ``--standards-path``, MOUs apply by unit id), and return their paths.

    Each is the unit's own, from the example it copies (whose totals it keeps): an Annex B line
    per item it declares, of the serviceable ones (every item of the MOU quantity serviceable
    meets any serviceability standard), with its lease, and Annex C giving the contributor every
    self-sustainment category it declares. A unit therefore meets its MOU, and the portfolio's
    verdicts stay the manifest's; every line is still verified and reported (and an example
    that declares one item on both leases is warned about at its lines on the other lease). MOU files left by
    an earlier call are removed first. Deterministic: no random choice."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("mou-*.yaml"):
        old.unlink()
    bases = {base.path.relative_to(REPO).as_posix(): base for base in load_bases()}
    written = []
    for entry in files:
        path = folder / f"mou-{entry['unit'].lower()}.yaml"
        path.write_text(mou_text(bases[entry["base"]], entry["unit"]), encoding="utf-8")
        written.append(path)
    return written


def mou_text(base: Base, unit_id: str) -> str:
    """The MOU of unit ``unit_id``, a copy of ``base`` (see ``generate_mous``)."""
    items: dict[str, dict[str, Any]] = {}
    for entry in base.data.get("equipment") or []:
        line = items.setdefault(entry["item"], {"serviceable": 0, "lease": entry.get("lease") or "wet"})
        line["serviceable"] += entry.get("serviceable", entry["quantity"])
    out = [
        "# Generated by bench/portfolio.py: the unit's MOU, which it meets.",
        "pkcheck: mou/v1",
        f"id: mou-{unit_id.lower()}",
        f'reference: "MOU between the United Nations and Country {unit_id[:2]}, unit {unit_id}, amendment 1"',
        f"units: [{unit_id}]",
        "effective: 2026-01-01",
        "major_equipment:" if items else "major_equipment: []",
    ]
    for number, (item, line) in enumerate(items.items(), start=1):
        out += [f"  - line: B-{number:03d}", f"    item: {item}", f"    quantity: {line['serviceable']}"]
        out.append(f"    lease: {line['lease']}")
    categories = base.data.get("self_sustainment") or []
    out.append("self_sustainment:" if categories else "self_sustainment: {}")
    out += [f"  {category}: contributor" for category in categories]
    return "\n".join(out) + "\n"


# What partners offer in the generated offers: the courses and items the examples' units lack
# (so most offers close gaps), and some that none lacks (so some are left unused).
OFFERED_COURSES = (
    "un-cptm",
    "un-fmac",
    "un-bfac",
    "un-ied-threat-mitigation",
    "camp-defence-drill",
    "weapons-qualification",
    "ied-search",
    "public-order-management",
    "firearms-qualification",
    "military-police-qualification",
    "stm-hr-arrest-detention",
    "un-sea-prevention",
    "helicopter-type-rating",
    "dangerous-goods-air",
    "tncc",
    "phtls",
    "close-protection",
)
OFFERED_ITEMS = (
    "night-vision-device",
    "mine-protected-vehicle",
    "apc-wheeled-class-ii",
    "apc-tracked",
    "ambulance",
    "ambulance-armoured",
    "generator",
    "mine-detector",
    "public-order-equipment-set",
    "mp-patrol-vehicle",
    "eod-robot",
)
PARTNERS = (
    "Xland Peace Support Training Centre",
    "Xmark Ministry of Defence",
    "Xonia Police Academy",
    "Xterra Counter-IED Centre of Excellence",
    "Xvania Army Training Command",
)


def generate_offers(path: Path, count: int = 300, seed: int = 0) -> int:
    """Write ``count`` partners' offers (``pkcheck: offers/v1``) to ``path``: about half seats,
    a sixth mobile training teams and a third equipment, of ``OFFERED_COURSES`` and
    ``OFFERED_ITEMS``, in English (two in three) or French (which some units do not declare), ending
    or available from two months before to two weeks after the examples' deployment date
    (2027-03-01). Deterministic: the same count and seed give the same file. Returns the count."""
    rng = random.Random(f"{seed}:offers")
    deployment = dt.date(2027, 3, 1)
    seats: list[str] = []
    teams: list[str] = []
    equipment: list[str] = []
    for number in range(1, count + 1):
        partner = rng.choice(PARTNERS)
        ready = deployment + dt.timedelta(days=rng.randint(-60, 14))
        language = rng.choice(("en", "en", "fr"))
        kind = rng.random()
        if kind < 0.5:
            start = ready - dt.timedelta(days=rng.randint(4, 25))
            seats.append(
                f"  - {{id: OFR-{number:04d}, partner: {partner}, course: {rng.choice(OFFERED_COURSES)}, "
                f"seats: {rng.randint(5, 60)}, start: {start}, end: {ready}, language: {language}, "
                f"place: {partner}}}"
            )
        elif kind < 2 / 3:
            start = ready - dt.timedelta(days=rng.randint(4, 25))
            teams.append(
                f"  - {{id: OFR-{number:04d}, partner: {partner}, course: {rng.choice(OFFERED_COURSES)}, "
                f"capacity: {rng.randint(20, 300)}, start: {start}, end: {ready}, language: {language}}}"
            )
        else:
            equipment.append(
                f"  - {{id: OFR-{number:04d}, partner: {partner}, item: {rng.choice(OFFERED_ITEMS)}, "
                f"quantity: {rng.randint(1, 12)}, available: {ready}}}"
            )
    lines = [f"# {count} partners' offers generated by bench/portfolio.py (seed {seed}).", "pkcheck: offers/v1"]
    for name, entries in (("seats", seats), ("teams", teams), ("equipment", equipment)):
        lines += [f"{name}:", *entries] if entries else [f"{name}: []"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest ``generate`` wrote into ``folder``."""
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _remove_previous(folder: Path) -> None:
    if (folder / MANIFEST).is_file():
        for entry in read_manifest(folder)["files"]:
            (folder / Path(entry["file"]).name).unlink(missing_ok=True)


def _cycle_shuffled(bases: list[Base], rng: random.Random) -> Iterator[Base]:
    """Every example once in each run of len(bases) files, in a shuffled order: any portfolio
    of at least that many files has each one, and verdicts come in equal shares."""
    while True:
        block = list(bases)
        rng.shuffle(block)
        yield from block


def _write_one(folder: Path, base: Base, number: int, seed: int, *, as_json: bool) -> dict[str, str]:
    rng = random.Random(f"{seed}:{number}")
    country = rng.choice(COUNTRIES)  # drawn in either case: the other draws stay the same
    country = base.country or country
    abbreviation = ABBREVIATION[base.unit_type]
    unit_id = f"{country}-{abbreviation.upper()}-{number:04d}"
    name = f"{number:04d}-{country.lower()}-{abbreviation}-{number:04d}.{'json' if as_json else 'yaml'}"
    target = rng.uniform(MIN_SIZE * 1.15, MAX_SIZE * 0.9)
    text = _sized_text(base, unit_id, country, number, seed, target, as_json=as_json)
    (folder / name).write_text(text, encoding="utf-8")
    return {"file": name, "unit": unit_id, "base": base.path.relative_to(REPO).as_posix(), "verdict": base.verdict}


def _sized_text(base: Base, unit_id: str, country: str, number: int, seed: int, target: float, *, as_json: bool) -> str:
    """The declaration at the coarsest cohort size that reaches ``target`` bytes and stays
    within 10 to 30 KB."""
    fitting = []
    for cohort in COHORTS:
        rng = random.Random(f"{seed}:{number}:{cohort}")
        declaration = Declaration(base, unit_id, country, cohort, rng)
        text = declaration.json(seed, number) if as_json else declaration.yaml(seed, number)
        size = len(text.encode("utf-8"))
        if MIN_SIZE <= size <= MAX_SIZE:
            fitting.append(text)
            if size >= target:
                return text
    if not fitting:
        raise ValueError(f"{base.path.name}: no cohort size gives a file of 10 to 30 KB")
    return fitting[-1]


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` in ``parts`` uneven shares (each at least 1 when total allows) summing to it."""
    parts = max(1, min(parts, total)) if total else 1
    weights = [rng.uniform(0.8, 1.2) for _ in range(parts)]
    shares = [max(1, int(total * weight / sum(weights))) if total else 0 for weight in weights]
    index = 0
    while sum(shares) != total:  # settle the rounding one unit at a time, never below 1
        step = 1 if sum(shares) < total else -1
        if step > 0 or shares[index % parts] > 1:
            shares[index % parts] += step
        index += 1
    return shares


def _sections(unit_type: str) -> list[str]:
    """The second level of sub-units: "A Company, 1 Platoon"."""
    return [f"{top}, {sub}" for top, subs in SUB_UNITS[unit_type] for sub in subs]


def _leaf_names(unit_type: str, needed: int) -> list[str]:
    """Sub-unit names at the coarsest level that has ``needed`` of them (sections under
    platoons, then numbered groups, for finer splits)."""
    levels = [[top for top, _ in SUB_UNITS[unit_type]], _sections(unit_type)]
    for names in levels:
        if len(names) >= needed:
            return names
    finest = levels[-1]
    rounds = -(-needed // len(finest))
    return [f"{name}, group {n}" for n in range(1, rounds + 1) for name in finest]


class Declaration:
    """One generated declaration: the base's sections with training and equipment split."""

    def __init__(self, base: Base, unit_id: str, country: str, cohort: int, rng: random.Random) -> None:
        self.base = base
        self.country = country
        self.cohort = cohort
        self.rng = rng
        data = base.data
        self.unit = dict(data["unit"], id=unit_id, country=country, name=_unit_name(data["unit"].get("name"), rng))
        self.provider = _issued_by(
            (data.get("certifications") or {}).get("pre-deployment-training")
            or {"by": "XA Peacekeeping Training Centre"},
            country,
        )["by"]
        self.training = self._training(data.get("training") or [])
        self.equipment = self._equipment(data.get("equipment") or [])

    def _training(self, entries: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """Each cohort split into entries of about ``cohort`` people; successive cohorts of a
        course continue through the sub-units where the previous one stopped."""
        if self.cohort == 1:
            return self._nominal_roll(entries)
        total = (self.base.data.get("personnel") or {}).get("total") or 1
        names = _leaf_names(self.base.unit_type, -(-total // self.cohort))
        cursor: dict[tuple[str, str], int] = {}
        out = []
        for entry in entries:
            key = (entry["course"], entry.get("role", "all"))
            for share in split(entry["trained"], -(-entry["trained"] // self.cohort), self.rng):
                position = cursor.get(key, 0)
                cursor[key] = position + 1
                out.append((names[position % len(names)], dict(entry, trained=share)))
        return out

    def _nominal_roll(self, entries: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """One entry a person, as small units keep them: service number, certificate number
        and training provider, under a comment naming the person's role and section. Members
        also record the courses their standard does not check (``EXTRA_COURSES``)."""
        personnel = self.base.data.get("personnel") or {}
        roster = [role for role, count in (personnel.get("roles") or {}).items() for _ in range(count)]
        roster += ["member"] * max(0, (personnel.get("total") or 0) - len(roster))
        sections = _sections(self.base.unit_type)
        extra = [dict(course, trained=len(roster)) for course in EXTRA_COURSES.get(self.base.unit_type, ())]
        if self.base.country is not None:
            extra = national_data({"training": extra}, self.base.country)["training"]
        cursor: dict[tuple[str, str], int] = {}
        out = []
        for entry in [*entries, *extra]:
            role = entry.get("role", "all")
            members = [n for n, held in enumerate(roster) if role in ("all", held)] or list(range(len(roster) or 1))
            for _ in range(entry["trained"]):
                position = cursor.get((entry["course"], role), 0)
                cursor[(entry["course"], role)] = position + 1
                member = members[position % len(members)]
                service = f"{self.unit['id']}-{member + 1:03d}"
                held = roster[member] if member < len(roster) else "member"
                record = dict(entry, trained=1)
                record["x-service-number"] = service
                record["x-certificate"] = (
                    f"{entry['course'].upper()}-{entry['completed'][:4]}-{self.rng.randrange(10000, 99999)}"
                )
                record["x-provider"] = self.provider
                out.append((f"{service}, {held}, {sections[member % len(sections)]}", record))
        return out

    def _equipment(self, lines: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """Each line split over the top-level sub-units; unserviceable items fall on some of
        them, so both sums are kept."""
        tops = [top for top, _ in SUB_UNITS[self.base.unit_type]]
        out = []
        for line in lines:
            # Small units record every vehicle and set on its own line, with its registration.
            each = self.cohort == 1
            shares = split(line["quantity"], line["quantity"] if each else len(tops), self.rng)
            first = self.rng.randrange(len(tops))
            owners = sorted((tops[(first + n) % len(tops)] for n in range(len(shares))), key=tops.index)
            unserviceable = line["quantity"] - line.get("serviceable", line["quantity"])
            for owner, share in zip(owners, shares, strict=True):
                record = dict(line, quantity=share)
                if "serviceable" in line:
                    down = min(unserviceable, share)
                    unserviceable -= down
                    record["serviceable"] = share - down
                if each and share == 1:
                    record["x-registration"] = f"UN-{self.country}-{self.rng.randrange(10000, 99999)}"
                out.append((owner, record))
        return out

    def sections(self) -> dict[str, Any]:
        """The declaration's top-level sections in the base's order."""
        out: dict[str, Any] = {}
        for key, value in self.base.data.items():
            if key == "unit":
                out[key] = self.unit
            elif key == "training":
                out[key] = self.training
            elif key == "equipment":
                out[key] = self.equipment
            elif key == "certifications":
                out[key] = {code: _issued_by(cert, self.country) for code, cert in value.items()}
            else:
                out[key] = value
        return out

    def about(self, seed: int, number: int) -> str:
        level = "by individual" if self.cohort == 1 else f"in cohorts of about {self.cohort}"
        return (
            f"Portfolio declaration {number:04d}: {self.unit['id']}, generated by bench/portfolio.py (seed {seed}) "
            f"from {self.base.path.relative_to(REPO).as_posix()} with the same totals, training recorded {level} "
            f"and equipment by sub-unit. Expected with --as-of {AS_OF} and no waivers: verdict {self.base.verdict}."
        )

    def json(self, seed: int, number: int) -> str:
        sections = self.sections()
        data: dict[str, Any] = {"pkcheck": sections.pop("pkcheck"), "x-about": self.about(seed, number)}
        for key, value in sections.items():
            if key in ("training", "equipment"):
                data[key] = [{**record, "x-sub-unit": name} for name, record in value]
            else:
                data[key] = value
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def yaml(self, seed: int, number: int) -> str:
        lines = ["# " + line for line in _wrap(self.about(seed, number), 94)]
        for key, value in self.sections().items():
            lines.append("")
            if key in ("training", "equipment"):
                lines.append(f"{key}:")
                lines.extend(_commented_list(value, per_entry=key == "training"))
            else:
                lines.extend(_block(key, value, 0))
        return "\n".join(lines) + "\n"


def _unit_name(name: str | None, rng: random.Random) -> str:
    number = rng.randint(1, 39)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number // 10 != 1 else 0, "th")
    rest = re.sub(r"^\d+(st|nd|rd|th) ", "", name or "Unit")
    return f"{number}{suffix} {rest}"


def _issued_by(cert: dict[str, Any], country: str) -> dict[str, Any]:
    if isinstance(cert.get("by"), str):
        return dict(cert, by=re.sub(r"^X[A-Z] ", f"{country} ", cert["by"]))
    return cert


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _commented_list(records: list[tuple[str, dict[str, Any]]], *, per_entry: bool) -> list[str]:
    """Block entries, each group of the same sub-unit after a comment naming it."""
    lines, previous = [], None
    for name, record in records:
        if per_entry or name != previous:
            lines.append(f"  # {name}")
        previous = name
        first, *rest = record.items()
        lines.append(f"  - {first[0]}: {_scalar(first[1])}")
        lines.extend(f"    {key}: {_scalar(value)}" for key, value in rest)
    return lines


_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ()./'-]*$")
_RESERVED = re.compile(r"^(y|n|yes|no|on|off|true|false|null|~)$", re.IGNORECASE)


def _scalar(value: Any) -> str:
    """A YAML scalar: dates and plain words as they are, other strings double-quoted."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    numeric = re.fullmatch(r"[-+.0-9_:eE]+", text) and not re.fullmatch(r"\d{4}-\d\d-\d\d", text)
    if _PLAIN.match(text) and not _RESERVED.match(text) and not numeric:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return _scalar(value)


def _block(key: str, value: Any, indent: int) -> list[str]:
    """A block mapping entry; small mappings and lists inside a section are written in flow
    style, as in the examples."""
    pad = "  " * indent
    if isinstance(value, dict):
        if indent > 0 and len(_flow(value)) <= 100:
            return [f"{pad}{key}: {_flow(value)}"]
        return [f"{pad}{key}:", *(line for k, v in value.items() for line in _block(k, v, indent + 1))]
    if isinstance(value, list):
        if indent > 0:
            return [f"{pad}{key}: {_flow(value)}"]
        return [f"{pad}{key}:", *(f"{pad}  - {_flow(item)}" for item in value)]
    return [f"{pad}{key}: {_scalar(value)}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", metavar="DIR", type=Path, help="where to write the declarations")
    parser.add_argument("--count", type=int, default=1000, help="how many declarations (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--standards",
        type=Path,
        metavar="STANDARDS",
        help=f"make the portfolio {NATIONAL}'s, its standards in STANDARDS",
    )
    parser.add_argument(
        "--mous", type=Path, metavar="MOUS", help="also write an MOU per unit into MOUS (see generate_mous)"
    )
    parser.add_argument(
        "--offers", type=Path, metavar="FILE", help="also write partners' offers to FILE (see generate_offers)"
    )
    parser.add_argument("--offer-count", type=int, default=300, help="how many offers (default 300)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    files = generate(args.folder, args.count, args.seed, args.standards)
    print(f"{len(files)} declarations written to {args.folder} (manifest {args.folder / MANIFEST})")
    if args.mous is not None:
        print(f"{len(generate_mous(args.mous, files))} MOUs written to {args.mous}")
    if args.offers is not None:
        print(f"{generate_offers(args.offers, args.offer_count, args.seed)} offers written to {args.offers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
