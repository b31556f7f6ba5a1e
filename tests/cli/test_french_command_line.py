"""The command line in French: every command's help, the usage errors click finds and the
command line's own messages, whether ``--lang fr`` comes before the command, after it, or from
``PKCHECK_LANG``; English stays as it was, and reads no catalog.

The installed command is run as users run it (``pkcheck.cli.entry``), in a pipe: the help is
then 78 columns wide, as in the golden files of ``tests/golden/help``.
"""

from __future__ import annotations

import inspect
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pkcheck import i18n
from pkcheck.cli.commands import COMMANDS, HELPS, app

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "help"
PKCHECK = str(Path(sys.executable).with_name("pkcheck"))
NBSP = "\u00a0"
_SETTINGS = ("PKCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "LINES", "PKCHECK_STANDARDS_PATH")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items() if name not in _SETTINGS}
    return subprocess.run(
        [PKCHECK, *args], capture_output=True, text=True, check=False, cwd=REPO, env={**environment, **(env or {})}
    )


# The three ways of asking for French: the option before the command, after it, the environment.
WAYS = {
    "before": lambda args: (("--lang", "fr", *args), {}),
    "after": lambda args: ((*args, "--lang", "fr"), {}),
    "environment": lambda args: (tuple(args), {"PKCHECK_LANG": "fr"}),
}


def _french(way: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    argv, asked = WAYS[way](args)
    return _run(*argv, env={**asked, **(env or {})})


def _english_help_texts(name: str | None) -> list[str]:
    """Every help text the help of command ``name`` (or of pkcheck itself) shows, in English."""
    from pkcheck.cli.commands import EPILOG, HELP, VERSION_HELP

    if name is None:
        return [*HELP.split("\n\n"), EPILOG, VERSION_HELP] + [HELPS[command].split("\n\n")[0] for command in COMMANDS]
    callback: Any = app.registered_commands[list(COMMANDS).index(name)].callback
    options = [
        info.help
        for parameter in inspect.signature(callback).parameters.values()
        for info in getattr(parameter.annotation, "__metadata__", ())
        if getattr(info, "help", None)
    ]
    assert len(options) == len(inspect.signature(callback).parameters)  # every option and argument has its help
    return [*HELPS[name].split("\n\n"), *options]


def _flat(text: str) -> str:
    """Text with its wrapping undone: help is wrapped to the terminal's width."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " "))


# English words of help that French help never needs (option names and codes aside).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|of|this|instead|when|which|every|default|required|Show|Usage|Try|Commands|exit)\b"
)


def _prose(help_text: str) -> str:
    """The sentences of a help, without what stays as it is in every language: option names,
    metavars, codes in backticks, values and file names."""
    text = re.sub(r"`[^`]*`", "", help_text)
    text = re.sub(r"(?m)^\s+(-\S+(, -\S+)?( [A-Z][A-Z0-9=\[\]_-]*)?|[A-Z][A-Z-]+ <[^>]+>|\w+)\s{2,}", "  ", text)
    return re.sub(r"\b(pkcheck(: \S+)?|PKCHECK_\w+|[a-z]+-[a-z-]+|[A-Z]{2,}[\w-]*)\b", "", text)


@pytest.mark.parametrize("name", [None, *COMMANDS], ids=["pkcheck", *COMMANDS])
def test_every_help_is_in_french(name: str | None) -> None:
    command = [name] if name else []
    english = _run(*command, "--help")
    french = _french("before", *command, "--help")
    assert english.returncode == french.returncode == 0, french.stderr
    assert french.stdout.startswith(f"Utilisation{NBSP}: pkcheck")
    assert f"Options{NBSP}:\n" in french.stdout
    assert "Afficher ce message et quitter." in french.stdout
    left = [text for text in _english_help_texts(name) if _flat(text)[:40] in _flat(french.stdout)]
    assert left == [], f"English help left in French: {left}"
    assert ENGLISH_WORDS.findall(_prose(french.stdout)) == [], _prose(french.stdout)
    # the same options, in the same order
    options = re.compile(r"(?m)^  (-\S+(?:, --\S+)?)")
    french_options = french.stdout.split(f"\nOptions{NBSP}:\n")[1]
    assert options.findall(french_options) == options.findall(english.stdout.split("\nOptions:\n")[1])


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("name", ["check", "gaps", "init"])
def test_the_help_is_french_however_french_is_asked_for(way: str, name: str) -> None:
    assert _french(way, name, "--help").stdout == _french("before", name, "--help").stdout


@pytest.mark.parametrize("name", [None, *COMMANDS], ids=["pkcheck", *COMMANDS])
def test_english_help_is_as_it_was(name: str | None) -> None:
    shown = _run(*([name] if name else []), "--help")
    assert shown.stdout == (GOLDEN / f"{name or 'main'}.txt").read_text(encoding="utf-8")


def test_pkcheck_alone_shows_its_help_in_french() -> None:
    alone = _run(env={"PKCHECK_LANG": "fr"})
    assert alone.returncode == 2
    assert alone.stderr.startswith(f"Utilisation{NBSP}: pkcheck [OPTIONS] COMMANDE [ARGUMENTS]...\n\n  Vérifier")
    assert f"Commandes{NBSP}:" in alone.stderr


# (arguments, the error line, the command whose usage follows, or None when pkcheck's own)
USAGE_ERRORS = [
    (("check", "examples", "--bogus"), f"pkcheck{NBSP}: erreur{NBSP}: option inconnue{NBSP}: --bogus", "pkcheck check"),
    (("check",), f"pkcheck{NBSP}: erreur{NBSP}: argument 'CHEMIN' manquant", "pkcheck check"),
    (("diff", "a"), f"pkcheck{NBSP}: erreur{NBSP}: argument 'NOUVELLE' manquant", "pkcheck diff"),
    (
        ("gaps", "examples", "--category", "food"),
        f"pkcheck{NBSP}: erreur{NBSP}: valeur non valide pour '--category'{NBSP}: 'food' ne fait pas partie de 'training'",
        "pkcheck gaps",
    ),
    (
        ("schema", "nothing"),
        f"pkcheck{NBSP}: erreur{NBSP}: valeur non valide pour 'kind'{NBSP}: 'nothing' ne fait pas partie de",
        "pkcheck schema",
    ),
    (
        ("check", "examples", "--as-of", "someday"),
        f"pkcheck{NBSP}: erreur{NBSP}: valeur non valide pour --as-of{NBSP}: 'someday' n'est pas une date AAAA-MM-JJ",
        "pkcheck check",
    ),
    (
        ("check", "examples", "--fail-on", "never-ever"),
        f"pkcheck{NBSP}: erreur{NBSP}: valeur non valide pour --fail-on{NBSP}: 'never-ever'{NBSP}; choisir parmi critical",
        "pkcheck check",
    ),
    (("chek",), f"pkcheck{NBSP}: erreur{NBSP}: commande 'chek' inconnue. Vouliez-vous dire 'check'", "pkcheck"),
    (("check", "examples", "--jobs"), f"pkcheck{NBSP}: erreur{NBSP}: l'option '--jobs' exige un argument", None),
    (
        ("check", "examples", "-f", "pdf"),
        f"pkcheck{NBSP}: erreur{NBSP}: --format{NBSP}: format `pdf` inconnu{NBSP}; choisir parmi text",
        None,
    ),
    (
        ("check", "examples", "--jobs", "0"),
        f"pkcheck{NBSP}: erreur{NBSP}: --jobs '0'{NBSP}: un nombre entier positif ou `auto` est attendu",
        None,
    ),
]


# every way for every error, but `--jobs --lang fr`, where --jobs takes --lang as its value
_ERROR_CASES = [
    (way, *case) for case in USAGE_ERRORS for way in WAYS if not (way == "after" and case[0][-1] == "--jobs")
]


@pytest.mark.parametrize(
    ("way", "args", "error", "command"), _ERROR_CASES, ids=[f"{c[0]}: {' '.join(c[1])}" for c in _ERROR_CASES]
)
def test_usage_errors_are_in_french(way: str, args: tuple[str, ...], error: str, command: str | None) -> None:
    run = _french(way, *args)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert lines[0].startswith(error), run.stderr
    if command is None:
        assert lines == [lines[0]]
    else:
        assert lines[1].startswith(f"Utilisation{NBSP}: {command} ")
        assert lines[2:] == [f"Pour obtenir de l'aide, lancer «{NBSP}{command} --help{NBSP}»."]


def test_an_unknown_language_is_a_usage_error() -> None:
    run = _run("check", "examples", "--lang", "de")
    assert (run.returncode, run.stderr) == (
        2,
        "pkcheck: error: invalid value for --lang: 'de' is not one of 'en', 'fr'\n",
    )


def test_the_command_lines_messages_are_in_french(tmp_path: Path) -> None:
    lint = _french("after", "lint", "examples/xa-inf-01-ready.yaml")
    assert lint.returncode == 0
    assert lint.stdout.splitlines()[-1] == f"1 fichier contrôlé{NBSP}: 0 erreur, 0 avertissement"
    listing = _french("environment", "list", env={"COLUMNS": "200"})
    assert listing.stdout.split()[:3] == ["ID", "VERSION", "TYPES"]
    assert "fournie" in listing.stdout and "shipped" not in listing.stdout
    template = tmp_path / "unit.yaml"
    init = _french("before", "init", "infantry-battalion", "-o", str(template))
    assert init.stderr == f"{template} écrit{NBSP}: un modèle de déclaration pour un-infantry-battalion 3.1.0\n"
    again = _french("before", "init", "infantry-battalion", "-o", str(template))
    assert again.stderr == f"pkcheck{NBSP}: erreur{NBSP}: {template} existe{NBSP}; utiliser --force pour le remplacer\n"
    assert again.returncode == 2


def test_the_ctrl_c_and_sigterm_lines_are_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    from pkcheck.cli import entry

    i18n.use("fr")
    assert entry._stopped(entry._Interrupted(signal.SIGINT)) == 130
    assert entry._stopped(entry._Interrupted(signal.SIGTERM)) == 143
    assert capsys.readouterr().err == f"pkcheck{NBSP}: interrompu\npkcheck{NBSP}: arrêté\n"


def test_help_in_this_process_follows_the_language_of_its_command_line(cli: Any) -> None:
    """The help is translated when shown, whatever the language the commands were imported in:
    ``--lang fr`` after the command gives French help in a program that runs the app itself."""
    french = cli("check", "--help", "--lang", "fr")
    assert french.stdout.startswith(f"Utilisation{NBSP}: ")
    assert "Vérifier des déclarations" in french.stdout
    english = cli("check", "--help")
    assert english.stdout.startswith("Usage: ")
    assert "Check declarations against deployment standards" in english.stdout


# What an English run imports and reads: no Babel, no catalog; French reads its catalog, once.
_WATCH = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and str(args[0]).endswith(".mo") else None)
sys.argv = ["pkcheck", *{args!r}]
import pkcheck.cli.entry
try:
    pkcheck.cli.entry.main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\nWATCHED", "babel" in sys.modules, "pkcheck.catalog" in sys.modules, [o.rsplit("/", 4)[-4:] for o in opened])
"""


def _watched(*args: str, env: dict[str, str] | None = None) -> str:
    environment = {name: value for name, value in os.environ.items() if name not in _SETTINGS}
    run = subprocess.run(
        [sys.executable, "-c", _WATCH.format(args=args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**environment, **(env or {})},
    )
    return run.stdout.rsplit("WATCHED ", 1)[1].strip()


@pytest.mark.parametrize(
    "args", [("--help",), ("check", "--help"), ("check", "examples/xa-inf-01-ready.yaml"), ("check", "--bogus")]
)
def test_an_english_run_reads_no_catalog_and_imports_no_babel(args: tuple[str, ...]) -> None:
    assert _watched(*args) == "False False []"


def test_a_french_run_reads_its_catalog_and_its_help_needs_no_babel() -> None:
    catalog = "[['locale', 'fr', 'LC_MESSAGES', 'pkcheck.mo']]"
    assert _watched("--lang", "fr", "check", "--help") == f"False False {catalog}"
    assert _watched("check", "--bogus", env={"PKCHECK_LANG": "fr"}) == f"False False {catalog}"


def test_typers_rich_help_words_are_french_where_rich_help_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """pkcheck's help is plain, but a program that loads typer's rich help gets its words in
    French too."""
    import typer.core
    import typer.rich_utils

    from pkcheck.cli import typer_words

    for name in typer_words.RICH_WORDS:
        monkeypatch.setattr(typer.rich_utils, name, getattr(typer.rich_utils, name))
    monkeypatch.setattr(typer.core, "_", typer.core._)  # type: ignore[attr-defined]
    i18n.use("fr")
    typer_words.install()
    expected = {
        "COMMANDS_PANEL_TITLE": "Commandes",
        "REQUIRED_LONG_STRING": "[obligatoire]",
        "DEFAULT_STRING": f"[par défaut{NBSP}: {{}}]",
    }
    assert {name: getattr(typer.rich_utils, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Missing option '--mou'.", "Option '--mou' manquante."),
        ("Got unexpected extra argument(s) (a b)", "Argument(s) supplémentaire(s) inattendu(s) (a b)"),
        (
            "Invalid value for '--format': 'pdf' is not one of 'text', 'json'.",
            f"Valeur non valide pour '--format'{NBSP}: 'pdf' ne fait pas partie de 'text', 'json'.",
        ),
        ("Missing argument 'UNIT-TYPE'.", "Argument 'TYPE-UNITÉ' manquant."),
        ("a message of pkcheck's own", "a message of pkcheck's own"),
    ],
)
def test_clicks_messages_are_written_again_in_french(english: str, french: str) -> None:
    from pkcheck.cli import typer_words

    assert typer_words.message(english) == english
    i18n.use("fr")
    assert typer_words.message(english) == french
