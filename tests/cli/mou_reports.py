"""What the tests of the reports of MOU verification share: the arguments of a run of two units
verified against their MOUs, and what a unit's verification table and its totals by COE
category hold, worked out from the JSON report's `mou` on their own."""

from __future__ import annotations

from typing import Any

# Two units verified against their MOUs: lines short, a line waived (B-003 of XB-INF-02), an
# Annex C category waived and a requirement not applicable because the MOU has the UN provide it.
TWO_UNITS = (
    "examples/xb-inf-02-conditional.yaml",
    "examples/xc-inf-03-not-ready.yaml",
    "--mou",
    "examples/mous/mou-xb-inf-02.yaml",
    "--mou",
    "examples/mous/mou-xc-inf-03.yaml",
    "--waivers",
    "tests/data/mou/waivers.yaml",
)


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
