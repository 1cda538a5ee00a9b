"""The XMP metadata factur-x writes, made to match the info dictionary and the profile.

factur-x writes ``/Keywords`` into the PDF's info dictionary but no ``pdf:Keywords`` into the
XMP packet; PDF/A (ISO 19005-3, 6.6.2.3.1) requires both to say the same. It also only knows
the Factur-X levels, so a PDF carrying an XRechnung said ``fx:ConformanceLevel`` =
``EN 16931``; ZUGFeRD 2.1+ / Factur-X 1.0.06+ name that profile ``XRECHNUNG``.

The packet is corrected where factur-x builds it (``facturx.facturx.generate_xmp_bytes``, which
it looks up when it embeds), before the PDF is written: rewriting the finished PDF again cost as
much as the embedding itself. ``install`` refuses a factur-x release without that function, so
an upgrade that changes it fails loudly (and the tests check the metadata of real PDFs).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import facturx.facturx as facturx_module  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
}
XRECHNUNG_LEVEL = "XRECHNUNG"
# Our key in factur-x's ``pdf_metadata`` (it reads only the keys it knows for the info dict).
LEVEL_KEY = "workmate_conformance_level"
_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
_TAIL = '<?xpacket end="w"?>'


def align(packet: bytes, keywords: str, level: str | None) -> bytes:
    """``packet`` with ``pdf:Keywords`` = ``keywords`` and, if given, the conformance level."""
    root = etree.fromstring(packet)
    description = root.find(".//rdf:Description/pdf:Producer/..", NS)
    if description is None:
        description = etree.SubElement(root.find(".//rdf:RDF", NS), f"{{{NS['rdf']}}}Description")
    for old in description.findall("pdf:Keywords", NS):
        description.remove(old)
    etree.SubElement(description, f"{{{NS['pdf']}}}Keywords").text = keywords
    if level is not None:
        for node in root.iterfind(".//fx:ConformanceLevel", NS):
            node.text = level
    xml = etree.tostring(root, encoding="utf-8").decode()
    return f"{_HEAD}\n{xml}\n{_TAIL}".encode()


def _aligned(original: Callable[..., bytes]) -> Callable[..., bytes]:
    @functools.wraps(original)
    def generate_xmp_bytes(
        flavor: str, level: str, orderx_type: Any, pdf_metadata: dict[str, Any]
    ) -> bytes:
        packet = original(flavor, level, orderx_type, pdf_metadata)
        # factur-x turns missing values into "": an empty level means "as factur-x wrote it".
        conformance = pdf_metadata.get(LEVEL_KEY) or None
        return align(packet, pdf_metadata.get("keywords", ""), conformance)

    generate_xmp_bytes.workmate_aligned = True  # type: ignore[attr-defined]
    return generate_xmp_bytes


def install() -> None:
    """Correct every XMP packet factur-x writes in this process (idempotent)."""
    current = getattr(facturx_module, "generate_xmp_bytes", None)
    if not callable(current):
        raise RuntimeError(
            "factur-x has no generate_xmp_bytes any more: check workmate.invoices.pdf.xmp "
            "against the new release."
        )
    if not getattr(current, "workmate_aligned", False):
        facturx_module.generate_xmp_bytes = _aligned(current)
