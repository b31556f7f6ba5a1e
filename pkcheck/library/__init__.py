"""Standards as data: the library and composition (``standards``), waivers, and the lint of standards (threshold expressions, codes) that asks the check kinds for their thresholds and codes."""
