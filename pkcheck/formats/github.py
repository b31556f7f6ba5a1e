"""``--format github``: GitHub Actions workflow commands, shown as annotations on the files.

One ``::error`` (critical, major), ``::warning`` (minor) or ``::notice`` (advisory) line per
unwaived shortfall or missing evidence, with ``file``, ``line``, ``col`` and a ``title`` naming
the unit and requirement, at the place in the declaration (an MOU line's finding too: its
message ends with the MOU line it verifies, ``MOU `id` Annex B line B-003: mou.yaml:24:5``); one ``::error`` per input error and one ``::warning`` per warning;
then a summary line. With a baseline (``check --baseline``), each annotation's message ends with
its state since the baseline (``(since the baseline: new)``) and a last line gives the counts, so
a pull request shows which findings it brings. Values are escaped as the workflow-command syntax requires (``%``, CR and
LF; in properties also ``:`` and ``,``), after their control characters are shown escaped
(``pkcheck.escapes``), so a message can never end the command early, inject another one or
reach the log as a terminal sequence.
"""

from __future__ import annotations

from collections import Counter

from pkcheck.diagnostics import Diagnostic, Level, Location
from pkcheck.enums import Severity
from pkcheck.escapes import line, shown
from pkcheck.formats import counted, since, verification
from pkcheck.formats.amounts import illustrative_note
from pkcheck.i18n import ngettext
from pkcheck.report import Report

COMMAND = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.ADVISORY: "notice"}


def render(report: Report) -> str:
    lines = []
    for result in report.results:
        unit_id = str((result.unit or {}).get("id", result.path))
        for finding in result.findings:
            if finding.failing:
                title = f"{unit_id} {finding.requirement} ({finding.severity.value}): {finding.title}"
                places = "".join(f" ({verification.related_text(r)})" for r in verification.unnamed_related(finding))
                state = since.state(report.baseline, result, finding)
                message = finding.message + places + illustrative_note(finding) + (f" ({state})" if state else "")
                lines.append(_command(COMMAND[finding.severity], finding.location, title, message))
        lines += [_diagnostic(d) for d in (*result.errors, *result.warnings)]
    lines += [_diagnostic(d) for d in report.warnings]
    verdicts = Counter(result.verdict for result in report.results)
    total = len(report.results)
    said = ngettext("pkcheck: {count} declaration(s): {verdicts}", "pkcheck: {count} declaration(s): {verdicts}", total)
    lines.append(said.format(count=total, verdicts=counted.verdict_list(verdicts)))
    if report.baseline is not None:
        # A plain log line, not a command: made inert, as the baseline's path is the user's.
        lines.append(line(since.summary(report.baseline)))
    return "\n".join(lines) + "\n"


def _diagnostic(diagnostic: Diagnostic) -> str:
    command = "error" if diagnostic.level is Level.ERROR else "warning"
    return _command(command, diagnostic.location, "pkcheck", diagnostic.message)


def _command(command: str, location: Location, title: str, message: str) -> str:
    properties = f"file={_property(location.path)},line={location.line},col={location.column},title={_property(title)}"
    return f"::{command} {properties}::{_data(message)}"


def _data(text: str) -> str:
    return shown(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
