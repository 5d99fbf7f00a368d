"""The archive copy's metadata: the document information and the XMP packet of a PDF/A.

WeasyPrint writes title, author (the owner), subject, keywords, dates and language into both.
The rest of a routine's facts go into XMP too: ``dc:identifier`` (the document id) and
``xmpMM:VersionID`` (its version) are predefined properties; owner, approver and the validity
period are properties of this tool's own namespace, which PDF/A allows only when the packet
describes them in an extension schema (ISO 19005-2, 6.6.2.3), so it does. The same facts are
custom entries of the document information (``/DocumentId``, ``/Version``, ``/Owner``,
``/Approver``, ``/ValidFrom``, ``/ValidTo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

NS_ROUTINE = "urn:x-routine-handbook:routine:1.0/"
"""The namespace of the routine's own XMP properties."""
PREFIX = "routine"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XMP_MM = "http://ns.adobe.com/xap/1.0/mm/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
for _prefix, _uri in ((PREFIX, NS_ROUTINE), ("pdfaExtension", EXTENSION), ("pdfaSchema", SCHEMA),
                      ("pdfaProperty", PROPERTY)):
    register_namespace(_prefix, _uri)

PROPERTIES = (
    ("documentId", "Text", "The routine's document id"),
    ("version", "Text", "The routine's version"),
    ("owner", "Text", "Who owns the routine's content (innehållsansvarig)"),
    ("approver", "Text", "Who approved the routine (godkänd av)"),
    ("validFrom", "Date", "The first day the routine is valid"),
    ("validTo", "Date", "The last day the routine is valid"),
)
"""The routine namespace's properties: name, XMP value type, description."""


@dataclass(frozen=True)
class RoutineFacts:
    """What the archive copy says about its routine."""

    id: str
    version: str
    title: str
    owner: str
    approver: str
    valid_from: str
    valid_to: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    day: str
    """The day of the copy (``YYYY-MM-DD``): its creation and modification date."""

    def values(self) -> dict[str, str]:
        """The routine namespace's properties, by name (empty ones left out)."""
        found = dict(zip((p[0] for p in PROPERTIES),
                         (self.id, self.version, self.owner, self.approver, self.valid_from, self.valid_to),
                         strict=True))
        return {k: v for k, v in found.items() if v}

    def info(self) -> dict[str, str]:
        """The custom entries of the document information dictionary."""
        names = {"documentId": "DocumentId", "version": "Version", "owner": "Owner", "approver": "Approver",
                 "validFrom": "ValidFrom", "validTo": "ValidTo"}
        return {names[k]: v for k, v in self.values().items()}


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def descriptions(facts: RoutineFacts) -> list[Element]:
    """The ``rdf:Description`` elements added to WeasyPrint's: the routine's facts and the
    extension schema that describes its namespace."""
    about = {_q(RDF, "about"): ""}
    own = Element(_q(RDF, "Description"), about)
    SubElement(own, _q(DC, "identifier")).text = facts.id
    SubElement(own, _q(XMP_MM, "VersionID")).text = facts.version
    for name, value in facts.values().items():
        SubElement(own, _q(NS_ROUTINE, name)).text = value
    schema = Element(_q(RDF, "Description"), about)
    bag = SubElement(SubElement(schema, _q(EXTENSION, "schemas")), _q(RDF, "Bag"))
    entry = SubElement(bag, _q(RDF, "li"), {_q(RDF, "parseType"): "Resource"})
    SubElement(entry, _q(SCHEMA, "schema")).text = "Routine handbook: a governing document"
    SubElement(entry, _q(SCHEMA, "namespaceURI")).text = NS_ROUTINE
    SubElement(entry, _q(SCHEMA, "prefix")).text = PREFIX
    seq = SubElement(SubElement(entry, _q(SCHEMA, "property")), _q(RDF, "Seq"))
    for name, value_type, description in PROPERTIES:
        item = SubElement(seq, _q(RDF, "li"), {_q(RDF, "parseType"): "Resource"})
        SubElement(item, _q(PROPERTY, "name")).text = name
        SubElement(item, _q(PROPERTY, "valueType")).text = value_type
        SubElement(item, _q(PROPERTY, "category")).text = "external"
        SubElement(item, _q(PROPERTY, "description")).text = description
    return [own, schema]


def routine_metadata(facts: RoutineFacts) -> Any:
    """WeasyPrint's document metadata for ``facts``, its XMP packet with the routine's own
    descriptions inside the one ``rdf:RDF``."""
    from weasyprint.pdf.metadata import DocumentMetadata  # type: ignore[import-untyped]

    class RoutineMetadata(DocumentMetadata):  # type: ignore[misc]
        def generate_rdf_metadata(self, variant: str, version: int, conformance: str) -> bytes:
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            rdf.extend(descriptions(facts))
            return tostring(rdf, encoding="utf-8")  # type: ignore[no-any-return]

    return RoutineMetadata(
        title=facts.title, authors=[facts.owner] if facts.owner else [], description=facts.subject,
        keywords=list(facts.keywords), generator="routines archive", created=facts.day, modified=facts.day,
        lang=facts.language, custom=facts.info())
