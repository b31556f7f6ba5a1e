"""``pkcheck lint``: validate standards, waivers, declarations, MOUs, partners' offers and test suites without checking anything.

Every problem is a located diagnostic; standards are also composed, so an unknown parent, a
cycle, a duplicate id, an override of an id not inherited, an unknown reference key and a bad
expression are all found here before any declaration meets them. A code that no loaded vocabulary
knows is a warning (``--strict`` makes warnings count as errors). ``--strict`` also requires every
requirement to give a rationale, a remediation and a reference (``pkcheck.library.lintdocs``),
and every parameter and threshold a basis (``pkcheck.library.basis``); plain ``lint`` says
nothing of either, so a standard written for one's own use lints clean without them. An unexpected exception while
linting one file (a bug in pkcheck) is that file's located error; the other files are still linted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pkcheck.analyses.suites import lint_suite
from pkcheck.diagnostics import Diagnostic, InputError, Level, Location, internal_error
from pkcheck.engine import standard_codes
from pkcheck.enums import OUTPUT_KINDS, FileKind
from pkcheck.i18n import _
from pkcheck.library.basis import missing_basis
from pkcheck.library.lintcodes import declaration_uses, standard_uses
from pkcheck.library.lintcodes import warnings as code_warnings
from pkcheck.library.lintdocs import undocumented
from pkcheck.library.lintstaff import staff_warnings
from pkcheck.library.linttranslations import redundant, standard_texts, untranslated, vocabulary_texts
from pkcheck.library.mou_ids import ANNEX_B, ANNEX_C
from pkcheck.library.mous import IndexedMou, LoadedMou, read_mou
from pkcheck.library.mous import code_warnings as mou_code_warnings
from pkcheck.library.offers import code_warnings as offer_code_warnings
from pkcheck.library.offers import read_offers
from pkcheck.library.standards import Library
from pkcheck.library.translations import apply_to_vocabulary, companion_of, read, translated_of
from pkcheck.library.waivers import load_waivers
from pkcheck.load.inputs import SUFFIXES, visible
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.validate import document_kind, validate
from pkcheck.load.yamlio import load
from pkcheck.models.common import TRANSLATED_LANGUAGES
from pkcheck.models.declaration import Declaration
from pkcheck.models.vocabulary import Vocabulary


def lint_files(paths: Sequence[str]) -> list[str]:
    """The files to lint, each spelled as ``Library`` spells the files it finds in a folder
    (``./a/b.yaml`` is ``a/b.yaml``), so that problems found while loading a folder are matched
    to the file named on the command line."""
    files: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            files.extend(
                str(p)
                for p in sorted(Path(path).rglob("*"))
                if p.suffix in SUFFIXES and p.is_file() and visible(p, path)
            )
        else:
            files.append(str(Path(path)))
    return list(dict.fromkeys(files))


def lint(
    paths: Sequence[str], search_folders: Sequence[str], limits: Limits = DEFAULT_LIMITS, *, strict: bool = False
) -> tuple[int, list[Diagnostic]]:
    """Lint every file; returns how many files were read and every diagnostic, sorted. ``strict``
    adds the errors of requirements that do not explain themselves, and of parameters and
    thresholds without a basis."""
    files = lint_files(paths)
    read = {path: _read_kind(path, limits) for path in files}
    kinds = {path: kind for path, (kind, _) in read.items()}
    yaml11 = [warning for _, warnings in read.values() for warning in warnings]
    # A standard's folder is searched for its parent and its vocabulary; a vocabulary's folder
    # is searched so that its problems are found where a run would find them.
    # A companion of translations is linted with the file it translates, and that file's folder too.
    library_files = [p for p, k in kinds.items() if k in (FileKind.STANDARD, FileKind.VOCABULARY, FileKind.TRANSLATION)]
    folders = list(dict.fromkeys([str(Path(p).parent) for p in library_files] + list(search_folders)))
    library = Library(folders, limits, TRANSLATED_LANGUAGES)
    for path in library.check_files & set(kinds):
        kinds[path] = "check-file"  # read by the standard whose check names it, and linted with it
    # The problems of a linted file, and of the companions of the linted files, which lint with them.
    companions = {companion_of(p, lang) for p in library_files for lang in TRANSLATED_LANGUAGES}
    diagnostics = [d for d in library.errors if d.location.path in kinds or d.location.path in companions]
    mous = _mou_ids(library, [path for path, kind in kinds.items() if kind == FileKind.MOU], limits)
    for path, kind in kinds.items():
        diagnostics.extend(_contained(path, _lint_file(library, path, kind, limits, strict, mous)))
    return len(files), sorted(set(diagnostics + yaml11))


def _lint_file(
    library: Library, path: str, kind: str | InputError, limits: Limits, strict: bool, mous: frozenset[str]
) -> Iterator[Diagnostic]:
    if isinstance(kind, InputError):
        yield from kind.diagnostics
    elif kind == FileKind.STANDARD:
        yield from _lint_standard(library, path, strict)
    elif kind == FileKind.WAIVERS:
        yield from _lint_waivers(library, path, limits, mous)
    elif kind == FileKind.MOU:
        yield from _lint_mou(library, path, limits)
    elif kind == FileKind.OFFERS:
        yield from _lint_offers(library, path, limits)
    elif kind == FileKind.DECLARATION:
        yield from _lint_declaration(library, path, limits)
    elif kind == FileKind.TEST:
        yield from lint_suite(path, library)
    elif kind == FileKind.VOCABULARY and strict:
        yield from _lint_vocabulary(path, limits)
    elif kind == FileKind.TRANSLATION:
        yield from _lint_translation(library, path, strict)


def _contained(path: str, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of one file, ending with an internal error if finding them raised."""
    found: list[Diagnostic] = []
    try:
        found.extend(diagnostics)
    except InputError as exc:  # bad input found where it was not expected: still located
        found.extend(exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - one file's bug must not cost the others their diagnostics
        found.append(internal_error(exc, Location(path)))
    return found


def _read_kind(path: str, limits: Limits) -> tuple[str | InputError, tuple[Diagnostic, ...]]:
    """``_kind``, with an unexpected exception as the file's internal error."""
    try:
        return _kind(path, limits)
    except InputError as exc:
        return exc, ()
    except Exception as exc:  # noqa: BLE001 - as in _contained
        return InputError((internal_error(exc, Location(path)),)), ()


def _kind(path: str, limits: Limits) -> tuple[str | InputError, tuple[Diagnostic, ...]]:
    """The file's kind, and its plain values that YAML 1.1 tools would read differently; a
    report pkcheck wrote (``report/v1``, ``test-report/v1``) is not an input and is skipped."""
    try:
        document = load(path, limits)
    except InputError as exc:
        return exc, ()
    if document.data.get("pkcheck") in OUTPUT_KINDS:
        return str(document.data["pkcheck"]), ()
    try:
        return document_kind(document), document.warnings
    except InputError as exc:
        return exc, document.warnings


def _lint_standard(library: Library, path: str, strict: bool) -> Iterator[Diagnostic]:
    if any(d.location.path == path for d in library.errors):
        return  # already reported: it could not be loaded
    try:
        loaded = library.add_file(path)
    except InputError as exc:
        yield from exc.diagnostics
        return
    document = loaded.document
    yield from code_warnings(document.path, document.data, standard_uses(document.data), library.codes)
    if strict:
        yield from undocumented(document.path, document.data)
        yield from untranslated(document, list(standard_texts(loaded.model)), loaded.translation is not None)
    try:
        effective = library.effective(loaded.model.id)
    except InputError as exc:
        yield from exc.diagnostics
        return
    if strict:
        yield from missing_basis(loaded, effective)
        if loaded.translation is not None:
            yield from redundant(*loaded.translation, effective)


def _lint_vocabulary(path: str, limits: Limits) -> Iterator[Diagnostic]:
    """``--strict``: the titles without French of a vocabulary that gives French (its own
    problems, and its companion's, are the library's)."""
    try:
        document = load(path, limits)
        vocabulary = validate(document, Vocabulary, FileKind.VOCABULARY)
        companion = companion_of(path, "fr")
        if companion is not None:
            vocabulary = apply_to_vocabulary(vocabulary, read(companion, limits, vocabulary.id))
    except InputError:
        return  # reported where the library read it
    yield from untranslated(document, list(vocabulary_texts(vocabulary)), companion is not None)


def _lint_translation(library: Library, path: str, strict: bool) -> Iterator[Diagnostic]:
    """A companion of translations: the file it translates must be beside it; its problems
    are found when that file is read (``Library``) and composed."""
    translated = translated_of(path)
    if translated is None:
        stem = Path(path).stem.rpartition(".")[0] or Path(path).stem
        message = _(
            "no file `{stem}.yaml` beside this companion of translations: a companion is named `<stem>.<lang>.yaml` after the standard or vocabulary `<stem>.yaml` it translates"
        ).format(stem=stem)
        yield Diagnostic(Location(path), message)
        return
    for loaded in library.standards.values():
        if loaded.document.path == translated and loaded.translation is not None:
            try:
                effective = library.effective(loaded.model.id)
            except InputError as exc:
                yield from (d for d in exc.diagnostics if d.location.path == path)
                return
            if strict:
                yield from redundant(*loaded.translation, effective)


def _lint_mou(library: Library, path: str, limits: Limits) -> Iterator[Diagnostic]:
    try:
        loaded = read_mou(load(path, limits))
    except InputError as exc:
        yield from exc.diagnostics
        return
    yield from mou_code_warnings(loaded, library.codes)


def _lint_offers(library: Library, path: str, limits: Limits) -> Iterator[Diagnostic]:
    try:
        loaded = read_offers(load(path, limits))
    except InputError as exc:
        yield from exc.diagnostics
        return
    yield from offer_code_warnings(loaded, library.codes)


def _mou_ids(library: Library, paths: Sequence[str], limits: Limits) -> frozenset[str]:
    """The finding ids of every MOU linted or in the search path, for waivers to name."""
    mous: list[LoadedMou] = []
    for indexed in library.mous:
        if isinstance(indexed, IndexedMou):
            try:
                mous.append(indexed.read())
            except InputError:
                continue  # the file changed since the search path was read
    for path in paths:
        try:
            mous.append(read_mou(load(path, limits)))
        except InputError:
            continue  # reported as the MOU's own errors
    found: set[str] = set()
    for mou in mous:
        found.update(ANNEX_B + line.line for line in mou.model.major_equipment)
        found.update(ANNEX_C + category for category in mou.model.self_sustainment)
    return frozenset(found)


def _lint_waivers(library: Library, path: str, limits: Limits, mous: frozenset[str]) -> Iterator[Diagnostic]:
    try:
        waivers = load_waivers(path, limits)
    except InputError as exc:
        yield from exc.diagnostics
        return
    requirements = _all_requirements(library)
    for located in waivers:
        requirement_id = located.waiver.requirement
        found = requirements.get(requirement_id)
        if requirement_id.startswith(ANNEX_B):
            if requirement_id not in mous:
                message = _("waiver for `{requirement}`, which no MOU linted or in the search path has").format(
                    requirement=requirement_id
                )
                yield Diagnostic(located.location, message, Level.WARNING)
        elif found is None:
            yield Diagnostic(
                located.location,
                _("waiver for `{requirement}`, which no standard in the search path defines").format(
                    requirement=requirement_id
                ),
                Level.WARNING,
            )
        elif not found:
            yield Diagnostic(
                located.location,
                _("`{requirement}` is not waivable (`waivable: false`); this waiver can never apply").format(
                    requirement=requirement_id
                ),
            )


def _all_requirements(library: Library) -> dict[str, bool]:
    """Requirement id -> waivable, over every standard that composes cleanly."""
    found: dict[str, bool] = {}
    for standard_id in sorted(library.standards):
        try:
            effective = library.effective(standard_id)
        except InputError:
            continue
        for item in effective.requirements:
            found[item.requirement.id] = found.get(item.requirement.id, True) and item.requirement.waivable
    return found


def _lint_declaration(library: Library, path: str, limits: Limits) -> Iterator[Diagnostic]:
    try:
        document = load(path, limits)
        declaration = validate(document, Declaration, FileKind.DECLARATION)
    except InputError as exc:
        yield from exc.diagnostics
        return
    known = _codes_of_standard(library, declaration)
    yield from code_warnings(document.path, document.data, declaration_uses(document.data), library.codes, known)
    yield from staff_warnings(document.path, document.data, declaration)


def _codes_of_standard(library: Library, declaration: Declaration) -> frozenset[tuple[str, str]]:
    """The codes the standard a declaration would be checked against uses (``check`` knows
    them), or none when no standard of the search path applies to it."""
    unit = declaration.unit
    try:
        return standard_codes(library, library.effective(library.select(unit.type, unit.mission)))
    except (LookupError, InputError):
        return frozenset()
