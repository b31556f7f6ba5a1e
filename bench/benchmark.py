"""Start-up time, checking time and peak memory of pkcheck, next to check-jsonschema.

Run it with ``bash bench/run`` (which makes ``bench/.venv`` and passes its options on)::

    bash bench/run [--count N] [--runs R] [--portfolio-runs P] [--keep DIR] [--worst-size N]

It generates two portfolios of N declarations each (default 1,000; see ``bench/portfolio.py``):
the examples' (units of every country, with the codes of the shipped vocabulary), also checked
with an MOU per unit in the search path (each unit verified against its own, line by line; the
same files, so check-jsonschema is not run on them again), and one
country's with standards and codes of its own (``--standards-path`` to its standards; its
declarations also record courses and items its standards do not check, which are warned about
with the nearest shipped code). It measures, each command in a fresh process:

- start-up: ``python -c "import typer"`` (the baseline), ``pkcheck --version``, ``pkcheck --help``,
  and ``pkcheck --lang fr --help`` (French reads its catalog; English reads none);
- one declaration: ``pkcheck check`` against ``check-jsonschema`` with the schema that
  ``pkcheck schema declaration`` prints;
- each portfolio: ``pkcheck check DIR`` (the portfolio summary, every finding computed and
  located) with ``--jobs 1`` and ``--jobs 2`` (when the installed pkcheck has ``--jobs``), and
  with ``-f json=FILE`` (every finding written out), against ``check-jsonschema`` on every file;
  the two portfolios' times, per file too, and speedups are printed side by side;
- the machine's two-core speedup: two CPU-bound Python runs at once against one after the
  other, in the same rounds as ``--jobs`` (what two cores give any program at that moment);
- the CPU time of each (user and system, of the command and every process it waited for:
  ``--jobs 2`` should use no more of it than ``--jobs 1``);
- the peak resident memory of each (``ru_maxrss`` of the command and every process it waited
  for, so a worker's peak counts but peaks are not added up);
- ``pkcheck match`` on the examples' portfolio with 300 generated partners' offers
  (``portfolio.generate_offers``), its seconds printed, against checking the same files;
- the worst inputs for the regular expressions pkcheck applies to file content
  (``bench/worst.py``, ``--worst-size`` characters each, default 200,000): each in a folder of
  its own, through ``pkcheck check FOLDER`` (so the folder search reads it too), once. Each must
  end in seconds; a pattern in quadratic time would take minutes.

Times are the median of R runs (default 9, the commands compared taking turns) for start-up
and the single declaration, and of P runs (default 3, in turns) for pkcheck on the portfolio
with ``--jobs 1`` and ``--jobs 2``; the JSON report and check-jsonschema on the portfolio are
run once. The ``--jobs 2`` speedup and the machine's are also printed for each round, as
a shared machine's load changes within a run; the target for ``--jobs 2`` is its speedup over
the machine's in the same round (the median of the rounds'), as a busy machine gives less than
two cores to any program. The verdicts of the JSON report are compared
with the portfolio's manifest. Targets are printed with PASS or FAIL; the exit code is 0 whatever they
say (it is a measurement, not a test), and 2 only when the benchmark itself cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import portfolio
import worst

AS_OF = portfolio.AS_OF
SINGLE = portfolio.EXAMPLES / "xa-inf-01-ready.yaml"
BIN = Path(sys.executable).parent  # the venv's scripts: pkcheck and check-jsonschema

# Runs one command and prints its wall time and the peak memory of it and its waited-for
# children as JSON. A fresh wrapper for every command keeps each peak apart (RUSAGE_CHILDREN
# only ever grows within a process), and its own start-up is not timed.
# The machine's own two-core speedup, measured in the same rounds as --jobs: a shared or busy
# machine gives less than 2x to any program, and --jobs 2 can be judged against it.
BUSY = """
import subprocess, sys
spin = [sys.executable, "-c", "x = 0\\nfor i in range(15_000_000): x += i"]
if {at_once}:
    for p in [subprocess.Popen(spin), subprocess.Popen(spin)]: p.wait()
else:
    subprocess.run(spin); subprocess.run(spin)
"""

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": done.returncode, "seconds": seconds, "peak_kib": usage.ru_maxrss,  # KiB on Linux
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass(frozen=True)
class Figure:
    """The median time, CPU time and peak memory of a command's runs, each run's time (in
    rounds), and the exit codes."""

    label: str
    runs: int
    seconds: float
    cpu: float
    peak_mib: float
    codes: tuple[int, ...]
    stderr: str
    each: tuple[float, ...]


def measure(label: str, command: Sequence[str | Path], runs: int) -> Figure:
    """Run ``command`` ``runs`` times, each under a fresh wrapper process."""
    return measure_together({label: command}, runs)[label]


def measure_together(commands: dict[str, Sequence[str | Path]], runs: int) -> dict[str, Figure]:
    """Run the commands in turn, ``runs`` rounds: commands compared with each other meet the
    same moments of a busy machine, not one the quiet minute and the other the busy one."""
    results: dict[str, list[dict[str, Any]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            out = subprocess.run(
                [sys.executable, "-c", WRAPPER, *map(str, command)], capture_output=True, text=True, check=True
            )
            results[label].append(json.loads(out.stdout))
    return {
        label: Figure(
            label,
            runs,
            statistics.median(r["seconds"] for r in found),
            statistics.median(r["cpu"] for r in found),
            statistics.median(r["peak_kib"] for r in found) / 1024,
            tuple(r["code"] for r in found),
            found[-1]["stderr"],
            tuple(r["seconds"] for r in found),
        )
        for label, found in results.items()
    }


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        sys.exit(f"benchmark: {path} not found; run it with `bash bench/run`, which installs it")
    return path


def has_jobs(pkcheck: Path) -> bool:
    """Whether the installed pkcheck can check files in parallel (``--jobs``)."""
    help_text = subprocess.run([pkcheck, "check", "--help"], capture_output=True, text=True, check=False).stdout
    return "--jobs" in help_text


def has_match(pkcheck: Path) -> bool:
    """Whether the installed pkcheck has the ``match`` command."""
    return subprocess.run([pkcheck, "match", "--help"], capture_output=True, check=False).returncode == 0


def measure_match(pkcheck: Path, work: Path, examples: Portfolio, runs: int) -> Figure | None:
    """``pkcheck match`` on the examples' portfolio with ``OFFER_COUNT`` generated offers
    (``portfolio.generate_offers``), the JSON allocation written; None without the command."""
    if not has_match(pkcheck):
        return None
    offers = work / "offers.yaml"
    portfolio.generate_offers(offers, OFFER_COUNT)
    label = f"pkcheck match ({len(examples.files)} files, {OFFER_COUNT} offers)"
    command: list[str | Path] = [
        pkcheck,
        "match",
        "--as-of",
        AS_OF,
        "--offers",
        offers,
        "-f",
        f"json={work / 'match.json'}",
    ]
    return measure(label, [*command, examples.folder], runs)


def ruamel_c_extension() -> bool:
    try:
        from ruamel.yaml import cyaml  # noqa: F401 - imports only with the C extension built
    except ImportError:
        return False
    return True


def describe_portfolio(folder: Path, files: list[dict[str, str]]) -> str:
    sizes = sorted((folder / entry["file"]).stat().st_size / 1024 for entry in files)
    kinds = Counter(Path(entry["file"]).suffix.lstrip(".").upper() for entry in files)
    return (
        f"portfolio: {len(files)} files ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"{sum(sizes) / 1024:.1f} MB; file size min {sizes[0]:.1f} KB, median {statistics.median(sizes):.1f} KB, "
        f"max {sizes[-1]:.1f} KB"
    )


def compare_verdicts(report: Path, folder: Path, files: list[dict[str, str]]) -> list[str]:
    """Lines comparing the report's verdicts with the manifest's, and the mismatch count."""
    try:
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError) as exc:
        return [f"verdicts: no JSON report to compare ({exc})"]
    found = {Path(r["declaration"]["path"]).name: r["verdict"] for r in results}
    expected = {entry["file"]: entry["verdict"] for entry in files}
    mismatches = sum(found.get(name) != verdict for name, verdict in expected.items())
    extra = len(set(found) - set(expected))

    def counts(verdicts: Counter[str]) -> str:
        return ", ".join(f"{verdicts[v]} {v}" for v in ("ready", "conditional", "not-ready", "invalid"))

    return [
        f"verdicts in the report:    {counts(Counter(found.values()))} ({len(found)} results)",
        f"verdicts in the manifest:  {counts(Counter(expected.values()))}",
        f"mismatches: {mismatches}" + (f"; {extra} results for files not in the manifest" if extra else ""),
    ]


def mous_applied(report: Path) -> str:
    """How many results of the report were verified against an MOU, and their Annex B lines."""
    try:
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError) as exc:
        return f"MOUs: no JSON report to count ({exc})"
    applied = [r["mou"] for r in results if r.get("mou")]
    lines = sum(len(mou["lines"]) for mou in applied)
    return f"MOUs applied: {len(applied)} of {len(results)} results, {lines} Annex B lines verified"


def ratio(a: Figure | None, b: Figure | None, attribute: str = "seconds") -> float | None:
    if a is None or b is None or not getattr(b, attribute):
        return None
    return float(getattr(a, attribute)) / float(getattr(b, attribute))


def row(figure: Figure, note: str = "") -> str:
    codes = ",".join(str(c) for c in sorted(set(figure.codes)))
    return f"{figure.label:<44} {figure.runs:>4} {figure.seconds:>9.3f} {figure.cpu:>7.2f} {figure.peak_mib:>8.1f} {codes:>5}  {note}"


def rounds(slow: Figure, fast: Figure) -> str:
    """Each round's speedup: a neighbour's load comes and goes within a median's runs."""
    return ", ".join(f"{a / b:.2f}x" for a, b in zip(slow.each, fast.each, strict=True))


def times(value: float | None, what: str) -> str:
    return "" if value is None else f"{value:.2f}x {what}"


def target(text: str, value: float | None, limit: float, at_least: bool = False) -> str:
    if value is None:
        return f"  {text:<52} {'n/a':>7}  not measured"
    passed = value >= limit if at_least else value <= limit
    return f"  {text:<52} {value:>6.2f}x  {'PASS' if passed else 'FAIL'}"


FRENCH_START_UP_MS = 10.0  # what French start-up (its catalog read, typer's words redirected) may add


def milliseconds(figure: Figure, reference: Figure) -> str:
    """How much more CPU time ``figure`` took than ``reference``, in milliseconds (medians)."""
    return f"{(figure.cpu - reference.cpu) * 1000:+.1f} ms"


def within(text: str, figure: Figure, reference: Figure, limit_ms: float) -> str:
    """A target of CPU time added, in milliseconds: start-up differences are a few
    milliseconds, which a ratio hides."""
    added = (figure.cpu - reference.cpu) * 1000
    return f"  {text:<52} {added:>+5.1f}ms  {'PASS' if added <= limit_ms else 'FAIL'}"


WORST_LIMIT = 5.0  # CPU seconds for one worst input, start-up included; linear patterns need far less


def worst_inputs(pkcheck: Path, work: Path, size: int) -> list[str]:
    """The time of each worst input through ``pkcheck check FOLDER``, and the verdict on the
    slowest's CPU time (a busy machine stretches the wall time, not the CPU time)."""
    lines = [f"worst inputs for the patterns on file content ({size:,} characters each; bench/worst.py):"]
    slowest = 0.0
    for number, (name, text) in enumerate(worst.documents(size).items()):
        folder = work / "worst" / str(number)
        folder.mkdir(parents=True)
        (folder / "input.yaml").write_text(text, encoding="utf-8")
        figure = measure(name, [pkcheck, "check", "--as-of", AS_OF, folder], 1)
        slowest = max(slowest, figure.cpu)
        lines.append(row(figure))
    verdict = "PASS" if slowest <= WORST_LIMIT else "FAIL"
    lines.append(f"  {f'slowest worst input <= {WORST_LIMIT:.0f} s of CPU time':<52} {slowest:>6.2f}s  {verdict}")
    return lines


@dataclass(frozen=True)
class Portfolio:
    """A generated portfolio and how pkcheck is told of its standards."""

    name: str
    folder: Path
    files: list[dict[str, str]]
    options: tuple[str | Path, ...] = ()
    mous: bool = False  # each unit verified against its MOU, found in the search path

    @property
    def paths(self) -> list[Path]:
        return [self.folder / entry["file"] for entry in self.files]


@dataclass(frozen=True)
class Measured:
    """A portfolio's figures: ``--jobs 1`` (or without ``--jobs``), ``--jobs 2``, the JSON
    report and check-jsonschema."""

    portfolio: Portfolio
    serial: Figure
    parallel: Figure | None
    json: Figure
    validator: Figure


MOUS = "examples' + MOUs"  # the examples' portfolio, each unit verified against its MOU
OFFER_COUNT = 300  # partners' offers matched to the examples' portfolio (`pkcheck match`)
MATCH_LIMIT = 1.5  # match may take this much of checking the same portfolio: the check, then the allocation


def portfolios(folder: Path, count: int) -> list[Portfolio]:
    """The examples' portfolio, the same with an MOU per unit in the search path, and one
    country's with standards and codes of its own (last: the targets compare it with the first)."""
    national, standards = folder.parent / f"{folder.name}-national", folder.parent / f"{folder.name}-national-standards"
    mous = folder.parent / f"{folder.name}-mous"
    examples = portfolio.generate(folder, count, seed=0)
    portfolio.generate_mous(mous, examples)
    return [
        Portfolio("examples' codes", folder, examples),
        Portfolio(MOUS, folder, examples, ("--standards-path", mous), mous=True),
        Portfolio(
            f"{portfolio.NATIONAL}'s own codes",
            national,
            portfolio.generate(national, count, seed=0, standards=standards),
            ("--standards-path", standards),
        ),
    ]


def measure_portfolios(
    pkcheck: Path, validator: Path, schema: Path, work: Path, chosen: list[Portfolio], runs: int, jobs: bool
) -> tuple[list[Measured], Figure | None, Figure | None]:
    """Each portfolio's figures, and the machine's two-core speedup; ``--jobs 1`` and ``--jobs 2``
    of every portfolio and the machine's runs take turns, in the same rounds."""
    commands: dict[str, Sequence[str | Path]] = {}
    for each in chosen:
        check = [pkcheck, "check", "--as-of", AS_OF, *each.options]
        if jobs:
            commands[f"--jobs 1, {each.name} ({len(each.files)} files)"] = [*check, "--jobs", "1", each.folder]
            commands[f"--jobs 2, {each.name} ({len(each.files)} files)"] = [*check, "--jobs", "2", each.folder]
        else:
            commands[f"pkcheck check, {each.name} ({len(each.files)} files)"] = [*check, each.folder]
    if jobs:
        commands["machine: 2 CPU-bound runs in turn"] = [sys.executable, "-c", BUSY.format(at_once=False)]
        commands["machine: 2 CPU-bound runs at once"] = [sys.executable, "-c", BUSY.format(at_once=True)]
    figures = list(measure_together(commands, runs).values())
    serial, parallel = (figures[-2], figures[-1]) if jobs else (None, None)
    step = 2 if jobs else 1
    measured = []
    validated: dict[Path, Figure] = {}  # the same files need check-jsonschema once
    for number, each in enumerate(chosen):
        report = work / f"report-{number}.json"
        written = [pkcheck, "check", "--as-of", AS_OF, *each.options, *(["--jobs", "2"] if jobs else [])]
        many_json = measure(
            f"-f json, {each.name} ({len(each.files)} files)", [*written, "-f", f"json={report}", each.folder], 1
        )
        # check-jsonschema takes a minute and a half on a portfolio: once is enough to compare.
        many_cj = validated.get(each.folder) or measure(
            f"check-jsonschema, {each.name} ({len(each.files)} files)",
            [validator, "--schemafile", schema, *each.paths],
            1,
        )
        validated[each.folder] = many_cj
        one, two = figures[number * step], figures[number * step + 1] if jobs else None
        measured.append(Measured(each, one, two, many_json, many_cj))
    return measured, serial, parallel


def paired(a: Figure | None, b: Figure | None) -> list[float]:
    """``a``'s time over ``b``'s in each round (both measured in the same rounds)."""
    if a is None or b is None:
        return []
    return [x / y for x, y in zip(a.each, b.each, strict=True)]


def share(fast: Measured, serial: Figure | None, parallel: Figure | None) -> float | None:
    """The ``--jobs 2`` speedup over the machine's, the median of the rounds': the load of a
    shared machine changes from one round to the next, and both were measured in the same."""
    ours, machine = paired(fast.serial, fast.parallel), paired(serial, parallel)
    if not ours or not machine:
        return None
    return statistics.median(a / b for a, b in zip(ours, machine, strict=True))


def side_by_side(measured: list[Measured], serial: Figure | None, parallel: Figure | None) -> list[str]:
    """The portfolios' figures next to each other: total and per-file times, and speedups."""
    machine = ratio(serial, parallel)
    heading = (
        f"{'portfolio':<20} {'files':>5} {'--jobs 1 s':>10} {'ms/file':>7} {'--jobs 2 s':>10} {'ms/file':>7} "
        f"{'speedup':>7} {'machine':>7} {'share':>5}"
    )
    lines = [heading]
    for each in measured:
        count = len(each.portfolio.files)
        two = each.parallel
        speedup, part = ratio(each.serial, two), share(each, serial, parallel)
        lines.append(
            f"{each.portfolio.name:<20} {count:>5} {each.serial.seconds:>10.3f} {each.serial.seconds / count * 1000:>7.2f} "
            + (f"{two.seconds:>10.3f} {two.seconds / count * 1000:>7.2f} " if two else f"{'':>10} {'':>7} ")
            + (f"{speedup:>6.2f}x " if speedup else f"{'':>7} ")
            + (f"{machine:>6.2f}x " if machine else f"{'':>7} ")
            + (f"{part:>5.2f}" if part else "")
        )
    return lines


def run(args: argparse.Namespace, folder: Path, work: Path) -> None:
    pkcheck, validator = tool("pkcheck"), tool("check-jsonschema")
    chosen = portfolios(folder, args.count)
    schema = work / "declaration.schema.json"
    schema.write_text(
        subprocess.run([pkcheck, "schema", "declaration"], capture_output=True, text=True, check=True).stdout
    )
    jobs = has_jobs(pkcheck)
    version = subprocess.run([pkcheck, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"{version}; Python {platform.python_version()}; {os.cpu_count()} CPUs ({cores} usable); "
        f"ruamel.yaml C extension: {'yes' if ruamel_c_extension() else 'no'}"
    )
    for generated in chosen:
        print(f"{generated.name}: {describe_portfolio(generated.folder, generated.files)}")
    print()

    runs = args.runs
    start = measure_together(
        {
            'python -c "import typer"': [sys.executable, "-c", "import typer"],
            "pkcheck --version": [pkcheck, "--version"],
            "pkcheck --help": [pkcheck, "--help"],
            "pkcheck --lang fr --help": [pkcheck, "--lang", "fr", "--help"],
        },
        runs,
    )
    baseline, version_fig, help_fig, french_help = start.values()
    one = measure_together(
        {
            "pkcheck check (1 declaration)": [pkcheck, "check", "--as-of", AS_OF, SINGLE],
            "check-jsonschema (1 declaration)": [validator, "--schemafile", schema, SINGLE],
        },
        runs,
    )
    single, single_cj = one.values()
    # The default output, the portfolio summary: every finding is computed and located, and
    # counted into its unit's row. The JSON report, which writes every finding out, is measured
    # apart and gives the verdicts compared with the manifest.
    measured, serial, parallel = measure_portfolios(pkcheck, validator, schema, work, chosen, args.portfolio_runs, jobs)
    matched = measure_match(pkcheck, work, chosen[0], args.portfolio_runs)

    print(f"{'command':<44} {'runs':>4} {'median s':>9} {'CPU s':>7} {'peak MB':>8} {'exit':>5}  ratio")
    print(row(baseline, "baseline"))
    print(row(version_fig, times(ratio(version_fig, baseline), "import typer")))
    print(row(help_fig, times(ratio(help_fig, baseline), "import typer")))
    print(row(french_help, f"{milliseconds(french_help, help_fig)} CPU against English"))
    print(row(single, times(ratio(single, single_cj), "check-jsonschema")))
    print(row(single_cj))
    for each in measured:
        print(row(each.serial, times(ratio(each.serial, each.validator), "check-jsonschema")))
        if each.parallel is not None:
            print(
                row(
                    each.parallel,
                    times(ratio(each.parallel, each.validator), "check-jsonschema")
                    + "; "
                    + times(ratio(each.serial, each.parallel), "faster than --jobs 1"),
                )
            )
        print(row(each.json, times(ratio(each.json, each.validator), "check-jsonschema")))
        if each.validator.label.endswith(f"{each.portfolio.name} ({len(each.portfolio.files)} files)"):
            print(row(each.validator))  # once, under the portfolio it was measured for
    if matched is not None:
        print(row(matched, times(ratio(matched, measured[0].serial), "check --jobs 1 of the same files")))
    if serial is not None and parallel is not None:
        print(row(serial))
        print(row(parallel, times(ratio(serial, parallel), "faster: two cores on this machine now")))
    print()
    print("\n".join(side_by_side(measured, serial, parallel)))
    print("(share: the --jobs 2 speedup over the machine's, the median of the rounds')")
    print()
    if serial is not None and parallel is not None:
        for each in measured:
            if each.parallel is not None:
                print(f"--jobs 2 speedup in each round, {each.portfolio.name}: {rounds(each.serial, each.parallel)}")
        print(f"the machine's, in the same rounds: {rounds(serial, parallel)}")
        for each in measured:
            if each.parallel is not None:
                print(
                    f"CPU time with two at once, against one at a time, {each.portfolio.name}: "
                    f"--jobs 2 {times(ratio(each.parallel, each.serial, 'cpu'), '--jobs 1')}"
                )
        print(
            f"the machine's loops {ratio(parallel, serial, 'cpu'):.2f}x (above 1x, the two cores slowed each other down)"
        )
        national, examples = measured[-1], measured[0]
        print(
            f"{national.portfolio.name} against {examples.portfolio.name}, --jobs 1: "
            f"{rounds(national.serial, examples.serial)} in each round; CPU time "
            f"{ratio(national.serial, examples.serial, 'cpu') or 0:.2f}x"
        )
        print()
    notes = []
    if not jobs:
        notes.append(
            "`pkcheck check --help` has no --jobs: the portfolio was checked once, without it; no --jobs 2 figures."
        )
    checked = [(figure, {0, 1}) for each in measured for figure in (each.serial, each.parallel, each.json)]
    validated = [(each.validator, {0}) for each in measured]
    if matched is None:
        notes.append("`pkcheck match` is not installed: no match figures.")
    for figure, allowed in [*checked, *validated, (single, {0}), (single_cj, {0}), (matched, {0})]:
        if figure is not None and set(figure.codes) - allowed:
            notes.append(f"FAILED: {figure.label} exited {figure.codes}: {figure.stderr.strip()[-500:]}")
    for number, each in enumerate(measured):
        notes.append(f"{each.portfolio.name}:")
        report = work / f"report-{number}.json"
        notes.extend("  " + line for line in compare_verdicts(report, each.portfolio.folder, each.portfolio.files))
        if each.portfolio.mous:
            notes.append("  " + mous_applied(report))
    print("\n".join(notes))
    print()
    print("targets (time ratios; memory ratio of peaks):")
    for each in measured:
        print(f" {each.portfolio.name}:")
        print(target("portfolio (--jobs 1) <= 0.5x check-jsonschema", ratio(each.serial, each.validator), 0.5))
        print(target("--jobs 2 >= 1.7x faster than --jobs 1", ratio(each.serial, each.parallel), 1.7, at_least=True))
        print(target("--jobs 2 speedup >= 0.9x the machine's", share(each, serial, parallel), 0.9, at_least=True))
        print(target("portfolio peak memory <= 1.5x one declaration's", ratio(each.serial, single, "peak_mib"), 1.5))
        print(target("  the same, -f json (every finding written)", ratio(each.json, single, "peak_mib"), 1.5))
    national, examples = measured[-1], measured[0]
    with_mous = next((each for each in measured if each.portfolio.mous), None)
    if matched is not None:
        print(f" match ({OFFER_COUNT} offers, {examples.portfolio.name}): {matched.seconds:.2f} s")
        print(
            target(
                f"match <= {MATCH_LIMIT}x check (--jobs 1) of the same files",
                ratio(matched, examples.serial),
                MATCH_LIMIT,
            )
        )
    print(" both:")
    # Each round's ratio, as for the speedups: the portfolios took turns in every round.
    print(
        target(
            f"{national.portfolio.name} (--jobs 1) <= 1.2x {examples.portfolio.name}",
            statistics.median(paired(national.serial, examples.serial)),
            1.2,
        )
    )
    if with_mous is not None:
        print(
            target(
                f"{with_mous.portfolio.name} (--jobs 1) <= 1.3x {examples.portfolio.name}",
                statistics.median(paired(with_mous.serial, examples.serial)),
                1.3,
            )
        )
    print(target("pkcheck --help <= 1.5x import typer", ratio(help_fig, baseline), 1.5))
    print(target("pkcheck --version <= 1.5x import typer", ratio(version_fig, baseline), 1.5))
    print(within("pkcheck --lang fr --help <= English + 10 ms CPU", french_help, help_fig, FRENCH_START_UP_MS))
    print(target("one declaration <= 1.0x check-jsonschema", ratio(single, single_cj), 1.0))
    print()
    print("\n".join(worst_inputs(pkcheck, work, args.worst_size)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="declarations in the portfolio (default 1000)")
    parser.add_argument(
        "--runs", type=int, default=9, help="runs of each start-up and single-file command, in turn (default 9)"
    )
    parser.add_argument(
        "--portfolio-runs",
        type=int,
        default=3,
        help="runs of pkcheck on the portfolio with --jobs 1 and 2, in turn (default 3)",
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate the portfolio into DIR and keep it")
    parser.add_argument(
        "--worst-size", type=int, default=200_000, help="characters of each worst input (default 200,000)"
    )
    args = parser.parse_args(argv)
    if min(args.count, args.runs, args.portfolio_runs, args.worst_size) < 1:
        parser.error("--count, --runs, --portfolio-runs and --worst-size must be at least 1")
    with tempfile.TemporaryDirectory(prefix="pkcheck-bench-") as temporary:
        work = Path(temporary)
        run(args, args.keep or work / "portfolio", work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
