"""The codes that standards and declarations are written in: the codes and titles of vocabularies (``vocabulary``) and where codes stand in check settings and declarations (``codepaths``)."""
