"""``pkcheck diff`` of two amendments of an MOU in the terminal (``diff_text`` draws it).

A header naming both amendments (id, effective day, file, reference) and the totals; then the
Annex B lines (added, removed, each field changed: old -> new, a quantity's difference, the
direction and where), the Annex C categories, the units covered and, with ``--against``, each
covered unit whose verdict or MOU line statuses change, then the units not covered. Laid out
with the pieces of ``diff_text``: locations whole on one line, text from files shown escaped.
"""

from __future__ import annotations

from rich.text import Text

from pkcheck.analyses.diff import Direction, display
from pkcheck.analyses.mou_diff import Amendment, MouDiff, NotCovered
from pkcheck.escapes import shown
from pkcheck.formats.diff_text import DIRECTION_STYLE, SUMMARY_LABEL, against_lines
from pkcheck.formats.lines import packed
from pkcheck.formats.text import Piece, flowed, laid_out


def lines(diff: MouDiff, width: int = 100) -> list[Text]:
    out = [*_side("Old", diff.old, width), *_side("New", diff.new, width), summary(diff, width)]
    if diff.lines:
        out += [Text(""), Text("Annex B, major equipment", style="bold")]
        for change in diff.lines:
            pieces: list[Piece] = [(f"  {shown(change.line)}  {shown(change.item)}  ", "", True)]
            if change.field == "line":
                was = shown(change.new if change.old is None else change.old)
                pieces.append((f"{change.what}: {was}  ", "", False))
            else:
                difference = f" ({change.difference:+d})" if change.difference is not None else ""
                values = f"{shown(display(change.old))} -> {shown(display(change.new))}{difference}"
                pieces.append((f"{change.field}: {values}  ", "", False))
            out.append(flowed([*pieces, *_judged(change.direction, change.location, change.note)], width, 8))
    if diff.categories:
        out += [Text(""), Text("Annex C, self-sustainment", style="bold")]
        for category in diff.categories:
            if category.what == "moved":
                what = f"{category.old} -> {category.new}"
            else:
                what = f"{category.what}, {category.new or category.old}"
            pieces = [(f"  {shown(category.category)}: {what}  ", "", False)]
            out.append(flowed([*pieces, *_judged(category.direction, category.location)], width, 8))
    if diff.units:
        out += [Text(""), Text("Units covered", style="bold")]
        for unit in diff.units:
            pieces = [(f"  {shown(unit.unit)}: {'added' if unit.added else 'removed'}  ", "", False)]
            out.append(flowed([*pieces, *_judged(unit.direction, unit.location)], width, 8))
    if diff.against is not None:
        out += [Text(""), *against_lines(diff.against, width)]
        out += not_covered(diff.not_covered, width)
    return out


def _side(label: str, side: Amendment, width: int) -> list[Text]:
    head = f"{label}  {side.id} effective {side.effective}" + (f", mission {side.mission}" if side.mission else "")
    return [
        flowed([(shown(head), "", False), (f" ({shown(side.path)})", "", True)], width, 5),
        flowed([(f"     {shown(side.reference)}", "dim", False)], width, 5),
    ]


def _judged(direction: Direction, location: object, note: str = "") -> list[Piece]:
    """The direction, where, and the note."""
    pieces: list[Piece] = [(direction.value, DIRECTION_STYLE[direction], False), (f"  {shown(location)}", "cyan", True)]
    if note:
        pieces.append((f"  ({shown(note)})", "dim", False))
    return pieces


def summary(diff: MouDiff, width: int = 100) -> Text:
    if diff.empty:
        return Text("No line, category or unit covered changed.")
    changes = ", ".join(f"{diff.count(d)} {SUMMARY_LABEL[d]}" for d in Direction if d is not Direction.TEXT)
    categories = [c.what for c in diff.categories]
    counts = (
        f"Annex B: {len(diff.lines_where('added'))} added, {len(diff.lines_where('removed'))} removed, "
        f"{diff.lines_changed} changed; Annex C: {categories.count('added')} added, "
        f"{categories.count('removed')} removed, {categories.count('moved')} moved; units: "
        f"{sum(u.added for u in diff.units)} added, {sum(not u.added for u in diff.units)} removed "
        f"(changes: {changes})"
    )
    pieces: list[Piece] = [(counts, "", False)]
    if diff.count(Direction.RELAXED):
        pieces.append((" - asks less of a unit", "bold red", False))
    elif diff.may_relax:
        pieces.append((" - may ask less of a unit (see the notes)", "bold red", False))
    return flowed(pieces, width, 2)


def not_covered(units: tuple[NotCovered, ...], width: int) -> list[Text]:
    """The ``--against`` declarations of units neither amendment covers, named once."""
    if not units:
        return []
    noun = "declaration" if len(units) == 1 else "declarations"
    heading = f"Not covered, not judged: {len(units)} {noun} of units neither amendment covers"
    named = [shown(n.unit) for n in units]
    return [Text(""), flowed([(heading, "bold", False)], width, 2), laid_out("\n".join(packed(named, ", ", width, 2)))]
