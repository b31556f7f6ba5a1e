"""The benchmark's portfolio generator (``bench/portfolio.py``): reproducible, realistic sizes,
unique units, a mix of verdicts and formats, and every file gets the verdict its manifest says
(with the same findings as the example it is built from)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from pkcheck import api, engine
from pkcheck.cli import app
from pkcheck.report import PackedFindings

REPO = Path(__file__).resolve().parents[2]


def _load_generator() -> ModuleType:
    # bench/ is a folder of scripts, not a package: load the module from its file.
    spec = importlib.util.spec_from_file_location("bench_portfolio", REPO / "bench" / "portfolio.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


portfolio = _load_generator()
BASES = len(portfolio.load_bases())


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds of the examples (42 files), seed 0."""
    folder = tmp_path_factory.mktemp("portfolio")
    portfolio.generate(folder, 2 * BASES, seed=0)
    return folder


def test_same_seed_same_bytes_other_seed_other_bytes(generated: Path, tmp_path: Path) -> None:
    portfolio.generate(tmp_path / "again", 2 * BASES, seed=0)
    portfolio.generate(tmp_path / "other", 2 * BASES, seed=1)
    assert _contents(tmp_path / "again") == _contents(generated)
    other = _contents(tmp_path / "other")
    assert other.keys() != _contents(generated).keys() or other != _contents(generated)


def test_regenerating_smaller_removes_the_old_files(tmp_path: Path) -> None:
    portfolio.generate(tmp_path, 20, seed=0)
    portfolio.generate(tmp_path, 3, seed=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".manifest.json", *(e["file"] for e in portfolio.read_manifest(tmp_path)["files"])]
    )
    assert len(list(tmp_path.iterdir())) == 4


def test_every_file_is_10_to_30_kb(generated: Path) -> None:
    sizes = {path.name: path.stat().st_size for path in generated.iterdir() if not path.name.startswith(".")}
    assert len(sizes) == 2 * BASES
    assert {name: size for name, size in sizes.items() if not 10 * 1024 <= size <= 30_000} == {}


def test_manifest_lists_each_file_once_with_a_unique_unit(generated: Path) -> None:
    files = portfolio.read_manifest(generated)["files"]
    assert sorted(e["file"] for e in files) == sorted(p.name for p in generated.iterdir() if not p.name.startswith("."))
    units = [e["unit"] for e in files]
    assert len(set(units)) == len(units)
    for number, entry in enumerate(files, start=1):
        country, kind = entry["unit"].split("-")[:2]
        assert (
            entry["file"]
            == f"{number:04d}-{country.lower()}-{kind.lower()}-{number:04d}.{entry['file'].rsplit('.', 1)[1]}"
        )
        assert re.fullmatch(r"X[A-Z]", country)


def test_a_mix_of_verdicts_bases_and_formats(generated: Path) -> None:
    files = portfolio.read_manifest(generated)["files"]
    verdicts = [e["verdict"] for e in files]
    # The examples are a ready, a conditional and a not-ready one of each kind: as many of each.
    third = 2 * BASES // 3
    assert {v: verdicts.count(v) for v in set(verdicts)} == {"ready": third, "conditional": third, "not-ready": third}
    assert len({e["base"] for e in files}) == BASES
    suffixes = [Path(e["file"]).suffix for e in files]
    json_files = round(2 * BASES / 10)  # about one in ten
    assert suffixes.count(".json") == json_files and suffixes.count(".yaml") == 2 * BASES - json_files


def test_unit_ids_are_the_ones_in_the_files(generated: Path) -> None:
    for entry in portfolio.read_manifest(generated)["files"]:
        text = (generated / entry["file"]).read_text(encoding="utf-8")
        if entry["file"].endswith(".json"):
            assert json.loads(text)["unit"]["id"] == entry["unit"]
        else:
            assert f"\n  id: {entry['unit']}\n" in text
            assert "\n  # " in text  # sub-units named in comments


def test_split_keeps_the_total() -> None:
    rng = portfolio.random.Random(3)
    for total, parts in [(850, 28), (7, 7), (5, 9), (0, 3), (1, 1), (214, 2)]:
        shares = portfolio.split(total, parts, rng)
        assert sum(shares) == total
        assert len(shares) == (max(1, min(parts, total)) if total else 1)
        assert total == 0 or min(shares) >= 1


def _findings(result: dict[str, Any]) -> dict[str, Any]:
    return {
        f["requirement"]: (
            f["status"],
            [(g["criterion"], g["required"], g["declared"], g["shortfall"]) for g in f["gaps"]],
        )
        for f in result["findings"]
    }


def test_each_file_gets_its_expected_verdict_and_its_examples_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One round of the examples, checked with the examples beside them: each generated file
    has the manifest's verdict, no errors or warnings, and the very findings (statuses and
    gaps) of its example; the hidden manifest is not checked."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    folder, report = tmp_path / "portfolio", tmp_path / "report.json"
    files = portfolio.generate(folder, BASES, seed=7)
    run = CliRunner().invoke(
        app, ["check", "--as-of", portfolio.AS_OF, "-f", f"json={report}", str(folder), "examples"]
    )
    assert run.exit_code == 1, run.output
    results = {r["declaration"]["path"]: r for r in json.loads(report.read_text(encoding="utf-8"))["results"]}
    examples = [*(REPO / "examples").glob("x*.yaml"), *(REPO / "examples").glob("x*.json")]
    assert len(results) == BASES + len(examples)  # the examples with a section of their own are no base
    for entry in files:
        result = results[str(folder / entry["file"])]
        assert (entry["file"], result["verdict"]) == (entry["file"], entry["verdict"])
        assert result["errors"] == [] and result["warnings"] == []
        assert result["declaration"]["unit"]["id"] == entry["unit"]
        assert _findings(result) == _findings(results[entry["base"]]), entry


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, str]]]:
    """One round of the examples as NATIONAL's, with its standards beside them."""
    folder = tmp_path_factory.mktemp("national")
    files = portfolio.generate(folder / "declarations", BASES, seed=0, standards=folder / "standards")
    return folder / "declarations", folder / "standards", files


def _codes(text: str) -> set[str]:
    return set(re.findall(r"""["']?(?:course|item)["']?:\s*["']?([a-z0-9-]+)""", text))


def test_national_codes_are_the_countrys_own_everywhere(national: tuple[Path, Path, list[dict[str, str]]]) -> None:
    folder, standards, files = national
    assert {entry["unit"].split("-")[0] for entry in files} == {portfolio.NATIONAL}
    declared = set().union(*(_codes((folder / entry["file"]).read_text(encoding="utf-8")) for entry in files))
    required = set().union(*(_codes(path.read_text(encoding="utf-8")) for path in standards.iterdir()))
    prefix = f"{portfolio.NATIONAL.lower()}-"
    assert declared and required and all(code.startswith(prefix) for code in declared | required)
    assert required - declared == set()  # each code a standard checks is declared somewhere
    assert declared - required  # and units record courses and items no standard checks
    shipped = {path.name for path in (REPO / "standards").glob("un-*.yaml")}
    assert {path.name for path in standards.iterdir()} <= shipped


def test_national_code_renames_list_settings_too() -> None:
    text = "      equipment: {item: [ambulance, ambulance-armoured], quantity: 1}\n        course: un-fmac\n"
    assert portfolio.national_standard(text) == (
        "      equipment: {item: [xn-ambulance, xn-ambulance-armoured], quantity: 1}\n        course: xn-fmac\n"
    )


def test_national_files_get_their_verdicts_and_warnings_only_for_codes_no_standard_checks(
    national: tuple[Path, Path, list[dict[str, str]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked with the country's standards, each file has its example's verdict and finding
    statuses; its only warnings are about codes that its standard does not check, each with
    the nearest shipped code."""
    folder, standards, files = national
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    report = tmp_path / "report.json"
    run = CliRunner().invoke(
        app,
        ["check", "--as-of", portfolio.AS_OF, "--standards-path", str(standards), "-f", f"json={report}", str(folder)],
    )
    assert run.exit_code == 1, run.output
    results = {
        Path(r["declaration"]["path"]).name: r for r in json.loads(report.read_text(encoding="utf-8"))["results"]
    }
    expected = CliRunner().invoke(
        app, ["check", "--as-of", portfolio.AS_OF, "-f", f"json={tmp_path / 'examples.json'}", "examples"]
    )
    assert expected.exit_code == 1, expected.output
    examples = {r["declaration"]["path"]: r for r in json.loads((tmp_path / "examples.json").read_text())["results"]}
    warned = 0
    for entry in files:
        result = results[entry["file"]]
        assert (entry["file"], result["verdict"]) == (entry["file"], entry["verdict"])
        statuses = {f["requirement"]: f["status"] for f in result["findings"]}
        assert statuses == {f["requirement"]: f["status"] for f in examples[entry["base"]]["findings"]}
        chain = [standards / f"{name}.yaml" for name in result["standard"]["chain"]]
        checked = set().union(*(_codes(path.read_text(encoding="utf-8")) for path in chain if path.exists()))
        for warning in result["warnings"]:
            code = re.match(
                r"unknown (?:course|equipment item) code `([a-z0-9-]+)`.*; did you mean `([a-z0-9-]+)`\?$",
                warning["message"],
            )
            assert code is not None, warning["message"]
            assert code.group(1) not in checked and code.group(1) == portfolio.national_code(code.group(2))
            warned += 1
    assert warned


def test_each_unit_gets_an_mou_it_meets(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``generate_mous``: one MOU a unit, the same bytes each time, valid; with them in the
    search path every unit is verified against its own, meets every line and keeps the
    manifest's verdict, with no warning but for an item its example declares on both leases."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    files = portfolio.read_manifest(generated)["files"]
    mous = portfolio.generate_mous(tmp_path / "mous", files)
    again = portfolio.generate_mous(tmp_path / "again", files)
    assert [p.read_bytes() for p in mous] == [p.read_bytes() for p in again]
    assert sorted(p.name for p in (tmp_path / "mous").iterdir()) == sorted(
        f"mou-{e['unit'].lower()}.yaml" for e in files
    )
    lint = CliRunner().invoke(app, ["lint", str(tmp_path / "mous")])
    assert lint.exit_code == 0 and "0 error(s), 0 warning(s)" in lint.output, lint.output
    report = tmp_path / "report.json"
    run = CliRunner().invoke(
        app,
        [
            "check",
            "--as-of",
            portfolio.AS_OF,
            "--standards-path",
            str(tmp_path / "mous"),
            "-f",
            f"json={report}",
            str(generated),
        ],
    )
    assert run.exit_code == 1, run.output
    results = {
        Path(r["declaration"]["path"]).name: r for r in json.loads(report.read_text(encoding="utf-8"))["results"]
    }
    for entry in files:
        result = results[entry["file"]]
        assert result["verdict"] == entry["verdict"] and result["errors"] == []
        assert result["mou"]["id"] == f"mou-{entry['unit'].lower()}"
        assert {line["status"] for line in result["mou"]["lines"]} <= {"met"}
        mou_findings = [f for f in result["findings"] if f["requirement"].startswith("MOU:")]
        assert mou_findings and {f["status"] for f in mou_findings} == {"met"}
        assert all("lease" in w["message"] for w in result["warnings"]), result["warnings"]


def test_a_portfolio_with_mous_reports_the_same_whatever_the_jobs_and_sharing(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch keeps each value its units hold alike once (``SharedValues``), also values sent
    back by worker processes: every report is the same bytes with one job and with two, and
    every result equals that of its file checked alone, where nothing is shared or packed."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    files = portfolio.read_manifest(generated)["files"]
    mous = tmp_path / "mous"
    portfolio.generate_mous(mous, files)
    written = {}
    for jobs in ("1", "2"):
        formats = [f"{name}={tmp_path / f'{jobs}.{name}'}" for name in ("json", "sarif", "junit", "markdown")]
        run = CliRunner().invoke(
            app,
            ["check", "--as-of", portfolio.AS_OF, "--standards-path", str(mous), "--jobs", jobs, str(generated)]
            + [option for each in formats for option in ("-f", each)]
            + ["-f", "text"],
        )
        assert run.exit_code == 1, run.output
        written[jobs] = {
            name: (tmp_path / f"{jobs}.{name}").read_bytes() for name in ("json", "sarif", "junit", "markdown")
        }
        written[jobs]["text"] = run.stdout_bytes
    assert written["1"] == written["2"]
    assert b"MOU:B-001" in written["1"]["json"]

    paths = sorted(str(path) for path in generated.iterdir() if not path.name.startswith("."))
    settings = api.settings(standards_path=[str(mous)], as_of=portfolio.AS_OF)
    for jobs in (1, 2):
        results = engine.check_files(paths, settings, jobs=jobs)
        alone = [engine.check_file(path, settings) for path in paths]
        assert all(isinstance(result.findings, PackedFindings) for result in results)
        assert all(isinstance(result.findings, tuple) for result in alone)
        assert list(results) == alone
        assert [[repr(f) for f in r.findings] for r in results] == [[repr(f) for f in r.findings] for r in alone]
    # With one job, the units checked against one standard hold one copy of its texts.
    results = engine.check_files(paths, settings)
    by_standard: dict[str, list[Any]] = {}
    for result in results:
        assert result.standard is not None
        by_standard.setdefault(result.standard.id, []).append(result.findings.unpack())
    same = [found for found in by_standard.values() if len(found) > 1]
    assert same
    for first, second, *_ in same:
        assert first[0].requirement == second[0].requirement
        assert first[0].references is second[0].references and first[0].title is second[0].title


def test_the_generated_offers_are_valid_reproducible_and_matched(tmp_path: Path) -> None:
    """The benchmark's offers: ``count`` valid offers of unique ids, the same bytes for the same
    seed, and most of them closing gaps of the examples' units when matched."""
    from pkcheck.library.offers import load_offers

    first, again, other = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    assert portfolio.generate_offers(first, 60, seed=0) == 60
    portfolio.generate_offers(again, 60, seed=0)
    portfolio.generate_offers(other, 60, seed=1)
    assert first.read_bytes() == again.read_bytes() != other.read_bytes()
    model = load_offers(str(first)).model
    assert len(model.seats) + len(model.teams) + len(model.equipment) == 60
    assert model.seats and model.teams and model.equipment
    run = CliRunner().invoke(
        app, ["match", "examples/", "--offers", str(first), "--as-of", portfolio.AS_OF, "-f", "json"], env={}
    )
    assert run.exit_code == 0, run.output
    document = json.loads(run.stdout)
    assert document["allocations"] and len(document["unused"]) < 60
