"""JSON Schema of the front-matter, for editors' IDEs (e.g. VS Code's YAML extension).

Derived from `showcase.fields` and `criteria.yml`; never edited by hand. The schema helps
while typing; the validator stays the judge (references, quotas, personal data).
"""

from __future__ import annotations

from .criteria import Criteria
from .fields import (ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, INT, MOVEMENT_FIELDS, PERSON, RECORD, RECORD_LIST,
                     STATUSES, TEXT, Field)

_SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_LINK_LIKE = "^\\s*([a-zA-Z][a-zA-Z0-9+.-]*://|[wW]{3}\\.|(javascript|vbscript|data|file|mailto)\\s*:)|[a-zA-Z0-9-]+\\.([vV][nN]|[cC][oO][mM]|[nN][eE][tT]|[oO][rR][gG]|[gG][oO][vV])([/:?#\\s]|$)"


def exemplar_schema(criteria: Criteria) -> dict:
    schema = _object(EXEMPLAR_FIELDS, criteria, "Hồ sơ điển hình")
    props = schema["properties"]
    props["summary"]["maxLength"] = criteria.limits["summary_max_chars"]
    props["status"]["enum"] = list(STATUSES)
    props["criteria"]["items"]["enum"] = list(criteria.criteria)
    # A link is https; any other text is a citation of a printed source (showcase/rules/media.py).
    props["sources"]["items"]["anyOf"] = [{"pattern": "^https://"}, {"not": {"pattern": _LINK_LIKE}}]
    props["year"]["minimum"] = criteria.limits["earliest_year"]
    schema["allOf"] = [{"if": {"properties": {"kind": {"enum": ["individual", "household"]}}},
                        "then": {"required": ["consent"]}},
                       {"if": {"required": ["photo"]}, "then": {"required": ["photo_alt"]}}]
    return schema


def movement_schema(criteria: Criteria) -> dict:
    return _object(MOVEMENT_FIELDS, criteria, "Phong trào thi đua")


def _object(fields: tuple[Field, ...], criteria: Criteria, title: str | None = None) -> dict:
    schema: dict = {"type": "object", "additionalProperties": False,
                    "properties": {f.key: _property(f, criteria) for f in fields},
                    "required": [f.key for f in fields if f.required == ALWAYS]}
    if title:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return schema


def _property(spec: Field, criteria: Criteria) -> dict:
    prop: dict = {"description": spec.help}
    if spec.type == TEXT:
        prop.update(type="string", minLength=1)
    elif spec.type == INT:
        prop.update(type="integer")
    elif spec.type == DATE:
        prop.update(type="string", format="date")
    elif spec.type == BOOL:
        prop.update(type="boolean")
    elif spec.type == RECORD:
        prop.update(_object(spec.subfields, criteria))
    elif spec.type == RECORD_LIST:
        prop.update(type="array", items=_object(spec.subfields, criteria))
    else:
        items: dict = {"type": "string", "minLength": 1}
        if spec.type == "slug-list":
            items["pattern"] = _SLUG_PATTERN
        prop.update(type="array", items=items, minItems=1 if spec.required in (ALWAYS, PERSON) else 0)
    if spec.vocabulary:
        labels = criteria.vocabularies[spec.vocabulary]
        prop["enum"] = list(labels)
        prop["description"] += ": " + "; ".join(f"{k} = {v}" for k, v in labels.items())
    return prop
