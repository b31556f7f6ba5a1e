"""Standards as data: the library and composition (``standards``), threshold expressions, vocabularies, waivers, and the lint of standards that needs no check kind."""
