"""How an MOU's findings are named: ``MOU:<line>`` for an Annex B line, ``MOU:C-<category>`` for
an Annex C category, and ``mou``, the ``check`` they carry (no check kind of a standard has it).

Kept apart from the modules that read and verify MOUs (``pkcheck.library.mous``,
``pkcheck.library.verification``), so that a report and the API can tell an MOU's findings
without loading them: most runs have no MOU.
"""

ANNEX_B = "MOU:"  # an Annex B line's finding is `MOU:<line>`
ANNEX_C = "MOU:C-"  # an Annex C category's finding is `MOU:C-<category>`
KIND = "mou"  # the `check` of an MOU finding
