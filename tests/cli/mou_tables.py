"""What a unit's MOU verification table and its totals by COE category hold, worked out from the
JSON report's `mou` on their own, for the tests of the formats that show them (Markdown, HTML)."""

from __future__ import annotations

from typing import Any


def expected(mou: dict[str, Any]) -> tuple[list[list[str]], list[list[str]]]:
    """The verification table and its totals by COE category, from the JSON report's `mou`."""
    lines, totals = [], {}
    for line in mou["lines"]:
        short = str(line["shortfall"]) + (" waived" if line["status"] == "waived" else "")
        serviceable = f"{line['serviceable']}/{line['required_serviceable']}"
        lines.append(
            [line["line"], line["item"], str(line["quantity"]), str(line["present"]), serviceable, short, line["lease"]]
        )
        total = totals.setdefault(line["coe_category"] or line["item"], [0, 0, 0, 0, 0, 0])
        for index, key in enumerate(("quantity", "present", "serviceable", "required_serviceable", "shortfall")):
            total[index + 1] += line[key]
        total[0] += 1
    rows = [[name, str(t[0]), str(t[1]), str(t[2]), f"{t[3]}/{t[4]}", str(t[5])] for name, t in totals.items()]
    return lines, rows
