"""``pkcheck diff`` of two amendments of an MOU in the terminal (``diff_text`` draws it).

A header naming both amendments (id, effective day, file, reference) and the totals; then the
Annex B lines (added, removed, each field changed: old -> new, a quantity's difference, the
direction and where), the Annex C categories, the units covered and, with ``--against``, each
covered unit whose verdict or MOU line statuses change, then the units not covered. Laid out
with the pieces of ``diff_text``: locations whole on one line, text from files shown escaped.
"""

from __future__ import annotations

from rich.text import Text

from pkcheck import words
from pkcheck.analyses.diff import Direction, display
from pkcheck.analyses.mou_diff import Amendment, MouDiff, NotCovered
from pkcheck.escapes import shown
from pkcheck.formats.diff_text import DIRECTION_STYLE, against_lines, summary_count
from pkcheck.formats.lines import packed
from pkcheck.formats.text import Piece, flowed, laid_out
from pkcheck.i18n import N_, _, day, language, ngettext, number

# What happened to a line, a category or a unit covered (the codes of ``mou_diff``), in words.
WHAT = {"added": N_("added"), "removed": N_("removed"), "moved": N_("moved")}
# Who provides an Annex C category, and a line's lease, in words (French only: English shows the codes).
PROVIDERS = {"contributor": N_("contributor"), "un": N_("UN")}


def what(code: str) -> str:
    """``added``, ``removed``, ``moved`` in the language in use; a field's name as it is."""
    return _(WHAT[code]) if code in WHAT else code


def provider(code: str | None) -> str:
    """Who provides a category: the code in English, the word in French."""
    if code is None or language() == "en" or code not in PROVIDERS:
        return code or ""
    return _(PROVIDERS[code])


def value(field: str, shown_value: str) -> str:
    """A line's field value as people read it: a lease or a severity in words in French."""
    if language() == "en":
        return shown_value
    if field == "lease":
        return words.lease(shown_value)
    if field == "severity":
        return words.severity(shown_value)
    if field == "line":  # a line added or removed: ``2 forklift, dry, major`` (``mou_diff``)
        parts = shown_value.split(", ")
        if len(parts) == 3:
            return ", ".join([parts[0], value("lease", parts[1]), value("severity", parts[2])])
    return shown_value


def lines(diff: MouDiff, width: int = 100) -> list[Text]:
    out = [*_side(_("Old"), diff.old, width), *_side(_("New"), diff.new, width), summary(diff, width)]
    if diff.lines:
        out += [Text(""), Text(_("Annex B, major equipment"), style="bold")]
        for change in diff.lines:
            pieces: list[Piece] = [(f"  {shown(change.line)}  {shown(change.item)}  ", "", True)]
            if change.field == "line":
                was = value("line", shown(change.new if change.old is None else change.old))
                pieces.append((_("{what}: {line}").format(what=what(change.what), line=was) + "  ", "", False))
            else:
                difference = f" ({change.difference:+d})" if change.difference is not None else ""
                old = value(change.field, shown(display(change.old)))
                new = value(change.field, shown(display(change.new)))
                values = f"{old} -> {new}{difference}"
                pieces.append((_("{field}: {values}").format(field=change.field, values=values) + "  ", "", False))
            out.append(flowed([*pieces, *_judged(change.direction, change.location, change.note)], width, 8))
    if diff.categories:
        out += [Text(""), Text(_("Annex C, self-sustainment"), style="bold")]
        for category in diff.categories:
            if category.what == "moved":
                happened = f"{provider(category.old)} -> {provider(category.new)}"
            else:
                happened = _("{what}, {provider}").format(
                    what=what(category.what), provider=provider(category.new or category.old)
                )
            moved = _("{category}: {change}").format(category=shown(category.category), change=happened)
            pieces = [(f"  {moved}  ", "", False)]
            out.append(flowed([*pieces, *_judged(category.direction, category.location)], width, 8))
    if diff.units:
        out += [Text(""), Text(_("Units covered"), style="bold")]
        for unit in diff.units:
            covered = _("{unit}: {what}").format(unit=shown(unit.unit), what=what("added" if unit.added else "removed"))
            pieces = [(f"  {covered}  ", "", False)]
            out.append(flowed([*pieces, *_judged(unit.direction, unit.location)], width, 8))
    if diff.against is not None:
        out += [Text(""), *against_lines(diff.against, width)]
        out += not_covered(diff.not_covered, width)
    return out


def _side(label: str, side: Amendment, width: int) -> list[Text]:
    mission = _(", mission {mission}").format(mission=side.mission) if side.mission else ""
    head = _("{side}  {mou} effective {day}{mission}").format(
        side=label, mou=side.id, day=day(side.effective), mission=mission
    )
    return [
        flowed([(shown(head), "", False), (f" ({shown(side.path)})", "", True)], width, 5),
        flowed([(f"     {shown(side.reference)}", "dim", False)], width, 5),
    ]


def _judged(direction: Direction, location: object, note: str = "") -> list[Piece]:
    """The direction, where, and the note."""
    pieces: list[Piece] = [
        (words.direction(direction), DIRECTION_STYLE[direction], False),
        (f"  {shown(location)}", "cyan", True),
    ]
    if note:
        pieces.append((f"  ({shown(note)})", "dim", False))
    return pieces


def summary(diff: MouDiff, width: int = 100) -> Text:
    if diff.empty:
        return Text(_("No line, category or unit covered changed."))
    changes = ", ".join(summary_count(d, diff.count(d)) for d in Direction if d is not Direction.TEXT)
    categories = [c.what for c in diff.categories]
    counts = _(
        "Annex B: {lines_added} added, {lines_removed} removed, {lines_changed} changed; Annex C: "
        "{categories_added} added, {categories_removed} removed, {categories_moved} moved; units: "
        "{units_added} added, {units_removed} removed (changes: {changes})"
    ).format(
        lines_added=number(len(diff.lines_where("added"))),
        lines_removed=number(len(diff.lines_where("removed"))),
        lines_changed=number(diff.lines_changed),
        categories_added=number(categories.count("added")),
        categories_removed=number(categories.count("removed")),
        categories_moved=number(categories.count("moved")),
        units_added=number(sum(u.added for u in diff.units)),
        units_removed=number(sum(not u.added for u in diff.units)),
        changes=changes,
    )
    pieces: list[Piece] = [(counts, "", False)]
    if diff.count(Direction.RELAXED):
        pieces.append((_(" - asks less of a unit"), "bold red", False))
    elif diff.may_relax:
        pieces.append((_(" - may ask less of a unit (see the notes)"), "bold red", False))
    return flowed(pieces, width, 2)


def not_covered(units: tuple[NotCovered, ...], width: int) -> list[Text]:
    """The ``--against`` declarations of units neither amendment covers, named once."""
    if not units:
        return []
    heading = ngettext(
        "Not covered, not judged: {count} declaration of units neither amendment covers",
        "Not covered, not judged: {count} declarations of units neither amendment covers",
        len(units),
    ).format(count=number(len(units)))
    named = [shown(n.unit) for n in units]
    return [Text(""), flowed([(heading, "bold", False)], width, 2), laid_out("\n".join(packed(named, ", ", width, 2)))]
