"""Documents of the generated data set: small PDFs and images linked to customers, projects and
invoices (most to the customers with most business, like real archives).

One pass generates every file, writes it to the storage (many at a time) and keeps only what
the rows need; then the rows are copied. The text of each PDF is known, so it is stored as
extracted; thumbnails are shared per look (a handful of files, content-addressed).
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import psycopg

from workmate.demo_data.context import Context, entity_rng, new_uuid, utc_at
from workmate.demo_data.copy import Progress
from workmate.documents import pipeline
from workmate.documents.filetypes import FileKind
from workmate.documents.samples import pdf, png
from workmate.storage import LocalStorage, Storage

SEED = 1515
FILE_COLUMNS = ["sha256", "size", "content_type", "created_at"]
DOCUMENT_COLUMNS = [
    "id", "title", "category_id", "tags", "document_date", "confidential", "uploaded_by_id",
    "version_count", "current_sha256", "file_name", "content_type", "size", "thumbnail_sha256",
    "content_text", "created_at", "updated_at",
]  # fmt: skip
VERSION_COLUMNS = [
    "id", "document_id", "number", "sha256", "size", "content_type", "file_name",
    "uploaded_by_id", "uploaded_at", "text_status", "content_text", "page_count",
    "thumbnail_status", "thumbnail_sha256",
]  # fmt: skip
LINK_COLUMNS = ["document_id", "record_type", "record_id", "created_by_id", "created_at"]

# category, title, lines, tags: {c} customer, {p} project, {i} invoice number, {n} a number
PDF_LOOKS = [
    ("Vertrag", "Wartungsvertrag {c}", ["Wartungsvertrag", "zwischen {c} und Workmate Demo GmbH",
     "Laufzeit zwölf Monate, Verlängerung um jeweils ein Jahr.", "Reaktionszeit vier Stunden."],
     ["Vertrag", "Wartung"]),
    ("Angebot", "Angebot {n} {p}", ["Angebot Nr. {n}", "Projekt: {p}", "Kunde: {c}",
     "Konzeption, Umsetzung und Schulung nach Aufwand."], ["Angebot"]),
    ("Lieferschein", "Lieferschein {n}", ["Lieferschein {n}", "Empfänger: {c}",
     "Lieferung frei Haus, Prüfung bei Anlieferung."], ["Lieferung"]),
    ("Korrespondenz", "Besprechungsprotokoll {p}", ["Protokoll der Besprechung", "Projekt: {p}",
     "Teilnehmende: Auftraggeber {c}, Projektleitung", "Nächste Schritte und Termine."],
     ["Protokoll"]),
    ("Rechnung / Beleg", "Zahlungsavis {i}", ["Zahlungsavis zu Rechnung {i}", "Absender: {c}",
     "Überweisung ausgeführt, Verwendungszweck {i}."], ["Beleg", "Zahlung"]),
    ("Korrespondenz", "Schreiben {c}", ["Sehr geehrte Damen und Herren,",
     "anbei die gewünschten Unterlagen für {c}.", "Mit freundlichen Grüßen"], ["Brief"]),
]  # fmt: skip
IMAGE_LOOKS = [
    ("Sonstiges", "Foto Baustelle {p}", ["Foto"], (40, 110, 160)),
    ("Rechnung / Beleg", "Scan Quittung {n}", ["Beleg", "Scan"], (150, 120, 60)),
    ("Sonstiges", "Whiteboard {p}", ["Foto", "Workshop"], (70, 140, 90)),
]


@dataclass(frozen=True)
class Targets:
    customers: list[tuple[uuid.UUID, str]]
    projects: list[tuple[uuid.UUID, uuid.UUID, str]]  # id, customer id, title
    invoices: list[tuple[uuid.UUID, str, uuid.UUID, str]]  # id, kind, customer id, number


def targets(conn: psycopg.Connection) -> Targets:
    """What documents link to, read back from the rows loaded in this transaction."""
    customers = conn.execute("SELECT id, name FROM customers ORDER BY number").fetchall()
    projects = conn.execute(
        "SELECT id, customer_id, title FROM projects ORDER BY number"
    ).fetchall()
    invoices = conn.execute(
        "SELECT id, kind, customer_id, number FROM invoices WHERE number IS NOT NULL ORDER BY id"
    ).fetchall()
    return Targets(
        [(r[0], r[1]) for r in customers],
        [(r[0], r[1], r[2]) for r in projects],
        [(r[0], r[1], r[2], r[3]) for r in invoices],
    )


@dataclass
class Planned:
    id: uuid.UUID
    version_id: uuid.UUID
    title: str
    file_name: str
    content_type: str
    sha256: str
    size: int
    text: str | None
    thumbnail: str
    category: str
    tags: list[str]
    uploader: uuid.UUID
    created_at: datetime
    links: list[tuple[str, uuid.UUID]]


@dataclass
class Generated:
    documents: list[Planned]
    thumbnails: dict[str, bytes]  # sha -> webp (shared, one per look)


def _pick_links(
    rng: random.Random, t: Targets, names: dict[uuid.UUID, str]
) -> tuple[list[tuple[str, uuid.UUID]], str, str, str]:
    """Links and the names the file shows: an invoice (45 %), a project (35 %) or a customer
    alone (20 %, skewed to the first, biggest customers)."""
    roll = rng.random()
    if roll < 0.45 and t.invoices:
        ident, kind, customer, number = t.invoices[rng.randrange(len(t.invoices))]
        return [(kind, ident), ("customer", customer)], names.get(customer, ""), "", number
    if roll < 0.80 and t.projects:
        ident, customer, title = t.projects[rng.randrange(len(t.projects))]
        return [("project", ident), ("customer", customer)], names.get(customer, ""), title, ""
    ident, name = t.customers[int(len(t.customers) * rng.random() ** 2)]
    return [("customer", ident)], name, "", ""


def _thumbnails() -> tuple[list[str], list[str], dict[str, bytes]]:
    """One thumbnail per look, made by the product's own pipeline from a sample file."""
    made: dict[str, bytes] = {}
    pdf_shas, image_shas = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample"
        for _category, title, lines, _tags in PDF_LOOKS:
            path.write_bytes(pdf([title.format(c="", p="", i="", n=""), *lines]))
            webp = pipeline.make_thumbnail(path, FileKind.pdf).webp or b""
            sha = hashlib.sha256(webp).hexdigest()
            made[sha] = webp
            pdf_shas.append(sha)
        for _category, _title, _tags, rgb in IMAGE_LOOKS:
            path.write_bytes(png(120, 80, rgb))
            webp = pipeline.make_thumbnail(path, FileKind.png).webp or b""
            sha = hashlib.sha256(webp).hexdigest()
            made[sha] = webp
            image_shas.append(sha)
    return pdf_shas, image_shas, made


def generate(ctx: Context, t: Targets, storage: Storage, progress: Progress) -> Generated:
    """Make every file, write it to ``storage`` and plan the rows."""
    pdf_thumbs, image_thumbs, thumbnails = _thumbnails()
    names = dict(t.customers)
    count = ctx.counts.documents
    span = (ctx.today - ctx.first_day).days
    planned: list[Planned] = []
    progress.start("document files", count)
    with FileWriter(storage) as writer:
        writer.write_many(thumbnails.items())
        for index in range(count):
            rng = entity_rng(SEED, index)
            links, customer, project, invoice = _pick_links(rng, t, names)
            number = f"{ctx.today.year - 2 + index * 3 // max(count, 1)}-{index + 1:06d}"
            day = ctx.first_day + timedelta(days=span * index // max(count, 1))
            values = {"c": customer, "p": project or customer, "i": invoice or number, "n": number}
            if rng.random() < 0.25:
                look = rng.randrange(len(IMAGE_LOOKS))
                category, title_f, tags, rgb = IMAGE_LOOKS[look]
                title = title_f.format(**values)
                data = png(120, 80, rgb, index, f"{title} {number}")
                file_name, content_type, text, thumb = (
                    f"{title}.png",
                    "image/png",
                    None,
                    image_thumbs[look],
                )
            else:
                look = rng.randrange(len(PDF_LOOKS))
                category, title_f, lines, tags = PDF_LOOKS[look]
                title = title_f.format(**values)
                shown = [title, *(line.format(**values) for line in lines), f"Dokument {number}"]
                data = pdf(shown)
                file_name, content_type, text, thumb = (
                    f"{title}.pdf",
                    "application/pdf",
                    "\n".join(shown),
                    pdf_thumbs[look],
                )
            sha = hashlib.sha256(data).hexdigest()
            writer.write(sha, data)
            uploader = ctx.employee_ids[rng.randrange(len(ctx.employee_ids))]
            planned.append(
                Planned(
                    id=new_uuid(rng), version_id=new_uuid(rng), title=title[:300],
                    file_name=file_name[:255], content_type=content_type, sha256=sha,
                    size=len(data), text=text, thumbnail=thumb, category=category,
                    tags=list(tags), uploader=uploader,
                    created_at=utc_at(day, 9 + index % 8, index % 60), links=links,
                )
            )  # fmt: skip
            if index % 1000 == 999:
                progress.advance(1000)
        progress.advance(count % 1000)
    progress.finish()
    return Generated(planned, thumbnails)


class FileWriter:
    """Writes files to the storage in bulk: straight into the folders for local storage (four
    threads; the loader's transaction decides whether they are referenced), through the backend
    otherwise."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.local = storage if isinstance(storage, LocalStorage) else None
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.pending: list[tuple[str, bytes]] = []

    def __enter__(self) -> FileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._flush()
        self.pool.shutdown(wait=True)

    def write_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        for sha, data in items:
            self.write(sha, data)

    def write(self, sha: str, data: bytes) -> None:
        self.pending.append((sha, data))
        if len(self.pending) >= 500:
            self._flush()

    def _flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        if self.local is not None:
            list(self.pool.map(self._write_local, batch))
        else:
            asyncio.run(self._put_all(batch))

    def _write_local(self, item: tuple[str, bytes]) -> None:
        assert self.local is not None
        path = self.local.path(item[0])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item[1])

    async def _put_all(self, batch: Sequence[tuple[str, bytes]]) -> None:
        for start in range(0, len(batch), 16):
            await asyncio.gather(*(self.storage.put(d) for _, d in batch[start : start + 16]))


def file_rows(ctx: Context, g: Generated) -> Iterator[Sequence[object]]:
    stamp = utc_at(ctx.today, 6)
    for sha, webp in g.thumbnails.items():
        yield (sha, len(webp), "image/webp", stamp)
    seen = set(g.thumbnails)
    for d in g.documents:
        if d.sha256 not in seen:
            seen.add(d.sha256)
            yield (d.sha256, d.size, d.content_type, d.created_at)


def document_rows(g: Generated, categories: dict[str, uuid.UUID]) -> Iterator[Sequence[object]]:
    for d in g.documents:
        yield (
            d.id, d.title, categories.get(d.category), d.tags, d.created_at.date(), False,
            d.uploader, 1, d.sha256, d.file_name, d.content_type, d.size, d.thumbnail, d.text,
            d.created_at, d.created_at,
        )  # fmt: skip


def version_rows(g: Generated) -> Iterator[Sequence[object]]:
    for d in g.documents:
        status = "done" if d.text is not None else "unsupported"
        yield (
            d.version_id, d.id, 1, d.sha256, d.size, d.content_type, d.file_name, d.uploader,
            d.created_at, status, d.text, 1 if d.text is not None else None, "done", d.thumbnail,
        )  # fmt: skip


def link_rows(g: Generated) -> Iterator[Sequence[object]]:
    for d in g.documents:
        for record_type, record_id in dict.fromkeys(d.links):
            yield (d.id, record_type, record_id, d.uploader, d.created_at)


def categories(conn: psycopg.Connection) -> dict[str, uuid.UUID]:
    return {r[0]: r[1] for r in conn.execute("SELECT name, id FROM document_categories").fetchall()}
