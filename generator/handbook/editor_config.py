"""The browser editor's configuration (Decap CMS ``admin/config.yml``), derived, never written by
hand: the fields and widgets from the routine JSON Schema (types, required fields, patterns,
limits), the choices from organisation.yaml and catalog.yaml (units, roles and case types as
selects with their names), the labels and hints from the message catalog, and the backend from
``[editor]`` in routines.toml.

What a Decap widget cannot hold as the schema wants it (a requirement that is a case type or a
choice among several) is edited as JSON text in a small widget of our own (``regel``, in
``site/admin/editor.js``) that saves the structure; ``routines check`` validates what is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from generator.core.catalog import Catalog, Vocabulary
from generator.core.messages import MESSAGES, Messages
from generator.core.organisation import RESERVED, Organisation

Field = dict[str, Any]
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
        "picker_utc": True}
"""A date as the schema wants it: ``YYYY-MM-DD``, no time, no time zone."""
TOP_ONLY = frozenset({"id", "title", "type", "version", "status"})
"""Fields whose label is the routine's own (Dokument-ID, Titel) only at the top."""
LONG_TEXT = 500
"""Strings that may be longer than this are a multi-line text widget."""


class _Fields:
    """Turns the schema's properties into Decap fields."""

    def __init__(self, schema: Mapping[str, Any], organisation: Organisation, catalog: Catalog, t: Messages,
                 persons: Mapping[str, tuple[str, str]]) -> None:
        self.defs: Mapping[str, Any] = schema.get("$defs", {})
        self.t = t
        self.persons = [{"label": f"{name}, {title} ({pid})" if title else f"{name} ({pid})", "value": pid}
                        for pid, (name, title) in sorted(persons.items(), key=lambda p: p[1][0].casefold())]
        self.choices: dict[str, list[dict[str, str]]] = {
            "unit_ref": [{"label": f"{u.name} ({u.id})", "value": u.id} for u in organisation.units.values()],
            "role_ref": _options(catalog.roles),
            "case_type_ref": _options(catalog.case_types),
        }
        attributes: dict[str, set[Any]] = {}
        for unit in organisation.units.values():
            for key, value in unit.attrs.items():
                if key not in RESERVED and isinstance(value, (str, bool, int)):
                    attributes.setdefault(key, set()).add(value)
        attributes["kind"] = {u.kind for u in organisation.units.values()}
        self.attributes = attributes
        listed = organisation.wording.get("attributes") if isinstance(organisation.wording, Mapping) else None
        self.words: dict[tuple[str, Any], str] = {
            (k, v): str(w.get("label", v)) for w in (listed if isinstance(listed, list) else [])
            if isinstance(w, Mapping) for k, v in (w.get("when") or {}).items()}
        """(attribute, value) → the organisation's label for it (``wording:``)."""

    def label(self, path: str, name: str) -> str:
        """The field's label: by its path (``owner.id``), else for any nested field of that name
        (``editor.any.id``), else the top-level field's."""
        for key in (f"editor.{path}", f"editor.any.{name}", f"editor.{name}"):
            if key in MESSAGES and (key != f"editor.{name}" or "." not in path or name not in TOP_ONLY):
                return self.t(key)
        return name

    def hint(self, path: str, name: str) -> str | None:
        keys = (f"editor.hint.{path}",) if "." not in path else (f"editor.hint.{path}", f"editor.hint.any.{name}")
        return next((self.t(key) for key in keys if key in MESSAGES), None)

    def resolve(self, node: Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any]]:
        """(the ``$defs`` name it refers to, the node itself with ``allOf`` and ``$ref`` merged)."""
        name = None
        while "$ref" in node or "allOf" in node:
            merged = {k: v for k, v in node.items() if k not in ("$ref", "allOf")}
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                target = self.defs[name]
            else:
                target = node["allOf"][0]
            merged = {**target, **merged, "required": [*target.get("required", []), *merged.get("required", [])]}
            node = merged
        return name, node

    def fields(self, node: Mapping[str, Any], path: str) -> list[Field]:
        """The fields of an object node, required ones marked."""
        _, node = self.resolve(node)
        required = set(node.get("required", []))
        return [self.field(name, sub, f"{path}.{name}" if path else name, name in required)
                for name, sub in node.get("properties", {}).items()]

    def field(self, name: str, node: Mapping[str, Any], path: str, required: bool) -> Field:
        ref, resolved = self.resolve(node)
        out: Field = {"label": self.label(path, name), "name": name, "required": required}
        hint = self.hint(path, name)
        if hint:
            out["hint"] = hint
        out.update(self.widget(ref, resolved, path))
        if "default" in resolved and "default" not in out and "." not in path:
            out["default"] = resolved["default"]  # not inside a rule: a default there adds an empty rule to a new routine
        return out

    def widget(self, ref: str | None, node: Mapping[str, Any], path: str) -> Field:
        if ref in self.choices:
            return {"widget": "select", "options": self.choices[ref]}
        if ref == "date":
            return dict(DATE)
        if ref in ("person", "person_with_id") and self.persons:
            return self.person(node, path)
        if ref == "selector":
            return {"widget": "object", "collapsed": True, "fields": [self.attribute(key, values)
                                                                       for key, values in sorted(self.attributes.items())]}
        if "oneOf" in node:
            return self.choice(node, path)
        if "enum" in node:
            return {"widget": "select", "options": [{"label": self.label(f"value.{v}", str(v)), "value": v}
                                                     for v in node["enum"]]}
        kind = node.get("type")
        if kind == "object":
            return {"widget": "object", "collapsed": path.startswith("rules."), "fields": self.fields(node, path)}
        if kind == "array":
            return self.array(node, path)
        if kind == "integer" or kind == "number":
            number: Field = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            number.update({k: node[k] for k in ("minimum", "maximum") if k in node})
            return {("min" if k == "minimum" else "max" if k == "maximum" else k): v for k, v in number.items()}
        if kind == "boolean":
            return {"widget": "boolean"}
        long = node.get("maxLength", 0) > LONG_TEXT and not path.endswith("url")
        text: Field = {"widget": "text" if long else "string"}
        if "pattern" in node:
            text["pattern"] = [node["pattern"], self.t("editor.pattern")]
        return text

    def person(self, node: Mapping[str, Any], path: str) -> Field:
        """A person when people.yaml lists them: chosen by name, the name and title filled in on
        save from people.yaml (:mod:`generator.authoring.editor_save`)."""
        fields = self.fields(node, path)
        for field in fields:
            if field["name"] == "id":
                field.update({"widget": "select", "options": self.persons, "hint": self.t("editor.hint.person_id")})
                field.pop("pattern", None)
            else:
                field["required"] = False
        return {"widget": "object", "collapsed": False, "fields": fields}

    def attribute(self, key: str, values: set[Any]) -> Field:
        """A selector's attribute: a select of the values units have (in the organisation's own
        words, ``wording:``), a yes/no box for a true/false attribute."""
        words = self.words
        named = [words[(key, v)] for v in sorted(values, key=str) if (key, v) in words]
        label = self.label(f"attribute.{key}", key) if f"editor.attribute.{key}" in MESSAGES or not named \
            else " / ".join(named)
        if all(isinstance(v, bool) for v in values):
            return {"label": words.get((key, True), label), "name": key, "required": False, "widget": "boolean"}
        return {"label": label, "name": key, "required": False, "widget": "select",
                "options": [{"label": words.get((key, v), str(v)), "value": v}
                            for v in sorted(values, key=lambda v: str(v).casefold())]}

    def array(self, node: Mapping[str, Any], path: str) -> Field:
        ref, items = self.resolve(node.get("items", {}))
        if ref in self.choices or "enum" in items:
            chosen = self.widget(ref, items, path)
            chosen.update({"multiple": True, **({"min": node["minItems"]} if "minItems" in node else {})})
            return chosen
        if items.get("type") == "object":
            return {"widget": "list", "collapsed": True, "fields": self.fields(items, path)}
        if "oneOf" in items:
            return _code()
        return {"widget": "list", **({"min": node["minItems"]} if "minItems" in node else {})}

    def choice(self, node: Mapping[str, Any], path: str) -> Field:
        """A value that is one of several shapes: ``"*"`` or a list of case types is a select of
        case types with "every case type" first; anything else is YAML."""
        options = [self.resolve(o) for o in node["oneOf"]]
        if any(o.get("const") == "*" for _, o in options):
            listed = next((o for _, o in options if o.get("type") == "array"), None)
            if listed is not None:
                chosen = self.array(listed, path)
                chosen["options"] = [{"label": self.t("editor.every_case_type"), "value": "*"}, *chosen["options"]]
                chosen["widget"] = "arendetyper"  # editor.js: Decap's select, "*" held as it is written
                return chosen
        return _code()


def _options(vocabulary: Vocabulary) -> list[dict[str, str]]:
    return [{"label": f"{e.name} ({e.id})", "value": e.id} for e in vocabulary.entries.values()]


def _code() -> Field:
    """A value no Decap widget holds as the schema wants it: the ``regel`` widget of
    ``site/admin/editor.js`` (the value as JSON text, saved as the structure it reads as;
    ``routines check`` validates it as every other field)."""
    return {"widget": "regel"}


class _NoAliases(yaml.SafeDumper):
    """Writes every value out (no ``&id001`` anchors), as a person reading the file expects."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(config: Mapping[str, Any]) -> str:
    """``admin/config.yml``: the configuration as YAML, with a line saying where it comes from."""
    return "# Skrivs av routines build ur schemas/routine.schema.json, organisation.yaml och catalog.yaml: ändra inte här.\n" \
        + yaml.dump(dict(config), Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)


def editor_config(schema: Mapping[str, Any], organisation: Organisation, catalog: Catalog, editor: Mapping[str, Any],
                  t: Messages, *, local: str | None = None,
                  persons: Mapping[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """The Decap CMS configuration for a content root: one folder collection over ``routines/``,
    nested by unit folder, files named by id, front matter and a Markdown body. ``editor`` is
    ``[editor]`` of routines.toml; ``local`` is the address of ``serve --edit``'s backend, which
    saves into the working copy (Decap's proxy backend, the protocol of decap-server);
    ``persons`` people.yaml's (id → name, title), offered by name where a person is asked for."""
    backend: dict[str, Any] = {"name": "proxy", "proxy_url": local} if local else {"name": editor.get("backend", "github")}
    for key in ("repo", "branch", "base_url", "api_root", "auth_endpoint", "app_id"):
        if editor.get(key) and not local:
            backend[key] = editor[key]
    backend.setdefault("branch", "main")
    config: dict[str, Any] = {"backend": backend}
    if backend["name"] in ("github", "gitlab", "gitea"):  # Utkast → Granskas → Klar, each edit a pull request
        config["publish_mode"] = "editorial_workflow"
    config.update({
        "locale": t.language,
        "media_folder": "routines/media",
        "public_folder": "/media",
        "collections": [{
            "name": "rutiner",
            "label": t("editor.collection"),
            "label_singular": t("editor.collection_singular"),
            "description": t("editor.collection_description"),
            "folder": "routines",
            "nested": {"depth": 4, "subfolders": False, "summary": "{{title}}"},
            "meta": {"path": {"widget": "string", "label": t("editor.path"), "hint": t("editor.hint.path")}},
            "create": True,
            "extension": "md",
            "format": "yaml-frontmatter",
            "identifier_field": "id",
            "slug": "{{fields.id}}",
            "summary": "{{title}} ({{id}}, version {{version}})",
            "sortable_fields": ["title", "valid_to", "id"],
            "fields": [*_Fields(schema, organisation, catalog, t, persons or {}).fields(schema, ""),
                       {"label": t("editor.body"), "name": "body", "widget": "markdown",
                        "modes": ["raw", "rich_text"]}],
        }],
    })
    return config
