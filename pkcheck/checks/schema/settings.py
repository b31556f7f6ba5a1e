"""The settings of the ``schema`` kind: where the part checked is, and its JSON Schema."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import ConfigDict, Field, PrivateAttr, field_serializer, model_validator

from pkcheck.i18n import _
from pkcheck.models.common import DottedPath, StrictModel

NAME = "schema"


class SchemaCheck(StrictModel):
    model_config = ConfigDict(serialize_by_alias=True)

    path: DottedPath | None = Field(
        None,
        description="The dotted path of the part of the declaration checked (`x-mission`); the whole declaration when absent.",
    )
    # `schema` would shadow a method of pydantic's models: the field is named apart.
    inline: dict[str, Any] | bool | None = Field(
        None,
        alias="schema",
        description="The JSON Schema (Draft 2020-12) the part must conform to, written in the standard; give it or "
        "`schema_file`. It is never fetched: a `$ref` names a part of the same schema.",
    )
    schema_file: str | None = Field(
        None,
        description="A JSON or YAML file holding the JSON Schema, relative to the standard and inside a subfolder of its folder (`schemas/x.json`); give it or `schema`.",
    )
    _from_file: Any = PrivateAttr(None)  # the content of `schema_file`, read when the standard is loaded
    _file_path: str | None = PrivateAttr(None)  # where it was read

    @model_validator(mode="after")
    def _one_schema(self) -> SchemaCheck:
        if (self.inline is None) == (self.schema_file is None):
            raise ValueError(_("give exactly one of `schema` (the JSON Schema) or `schema_file` (a file holding it)"))
        return self

    @field_serializer("schema_file", when_used="json")
    def _file_and_content(self, name: str | None) -> str | None:
        """In JSON (what ``diff`` compares), the file's name and a digest of the schema it holds:
        a schema file whose content changes is a changed check."""
        if name is None or self._from_file is None:
            return name
        text = json.dumps(self._from_file, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return f"{name} (sha256 {hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]})"

    @property
    def document(self) -> Any:
        """The JSON Schema: as written in the standard, or read from its file (None until read)."""
        return self.inline if self.schema_file is None else self._from_file
