"""Documents: upload (streamed multipart), list and search, metadata, versions, links, files."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    responses,
)
from workmate.core.inputs import Day
from workmate.core.pagination import Page, PageParams, page_params
from workmate.core.records import RecordType
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.documents import categories, files, listing, service, upload, uploads
from workmate.documents import repository as repo
from workmate.documents.filetypes import allowed_kinds
from workmate.documents.schemas import (
    Category,
    CategoryCreate,
    CategoryUpdate,
    Document,
    DocumentCreate,
    DocumentSort,
    DocumentSummary,
    DocumentUpdate,
    DocumentUploadResult,
    HistoryEntry,
    IntegrityReport,
    LinkRef,
    TagCount,
)
from workmate.storage import get_storage

router = Router(prefix="/documents", tags=["documents"])

Reader = Annotated[Principal, require(Permission.documents_read)]
Writer = Annotated[Principal, require(Permission.documents_write)]
Admin = Annotated[Principal, require(Permission.admin)]
WRITE_ERRORS = responses(NotFound, Forbidden, Conflict, BusinessRuleViolation)
UPLOAD_ERRORS = responses(NotFound, Forbidden, Conflict, BusinessRuleViolation, PayloadTooLarge)

_FORM_FIELDS = {
    "file": {"type": "string", "format": "binary"},
    "title": {"type": "string", "maxLength": 300},
    "category_id": {"type": "string", "format": "uuid"},
    "tags": {"type": "array", "items": {"type": "string", "maxLength": 50}},
    "document_date": {"type": "string", "format": "date"},
    "notes": {"type": "string"},
    "confidential": {"type": "boolean"},
    "links": {
        "type": "array",
        "items": {"type": "string", "description": "<record type>:<id>, e.g. customer:<uuid>"},
    },
}


def _multipart(*names: str) -> dict[str, Any]:
    properties = {name: _FORM_FIELDS[name] for name in names}
    schema = {"type": "object", "required": ["file"], "properties": properties}
    return {
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": schema}},
        }
    }


async def _filters(
    q: Annotated[str | None, Query(max_length=200, description="Words in name, tags, text")] = None,
    category_id: Annotated[list[uuid.UUID] | None, Query(max_length=20)] = None,
    tag: Annotated[list[Annotated[str, Query(max_length=50)]] | None, Query(max_length=10)] = None,
    linked_type: Annotated[list[RecordType] | None, Query(max_length=10)] = None,
    record_type: Annotated[RecordType | None, Query(description="With record_id")] = None,
    record_id: uuid.UUID | None = None,
    date_from: Annotated[Day | None, Query(description="Document date from")] = None,
    date_to: Annotated[Day | None, Query(description="Document date until")] = None,
    confidential: bool | None = None,
    uploaded_by_id: uuid.UUID | None = None,
) -> repo.ListFilter:
    if (record_type is None) != (record_id is None):
        raise BusinessRuleViolation(
            "Give record_type and record_id together.", code="record_incomplete"
        )
    return repo.ListFilter(
        words=repo.search_words(q or ""),
        category_ids=category_id,
        tags=tag,
        linked_types=linked_type,
        record=(record_type, record_id) if record_type and record_id else None,
        date_from=date_from,
        date_to=date_to,
        confidential=confidential,
        uploaded_by_id=uploaded_by_id,
    )


@router.get("", response_model=Page[DocumentSummary], responses=responses(NotFound))
async def list_documents(
    principal: Reader,
    session: DbSession,
    filters: Annotated[repo.ListFilter, Depends(_filters)],
    paging: Annotated[PageParams, Depends(page_params)],
    sort: DocumentSort | None = None,
) -> Page[DocumentSummary]:
    """Documents the caller may see, newest first; with ``q`` by relevance, with snippets.
    ``record_type`` + ``record_id``: the documents of one record (its Documents tab)."""
    return await listing.list_documents(session, principal, filters, paging, sort)


def _form(fields: dict[str, list[str]], model: type[Any]) -> Any:
    values = upload.as_json_object(fields)
    if "links" in values:
        values["links"] = [
            dict(zip(("type", "id"), item.split(":", 1), strict=False)) for item in values["links"]
        ]
    if values.get("tags") == [""]:
        values["tags"] = []
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


async def _receive(request: Request, session: DbSession, settings: SettingsDep) -> upload.Upload:
    # The body may take minutes to arrive: end the transaction the sign-in check opened, so
    # the upload holds no database connection while it streams.
    await session.commit()
    return await upload.receive(
        request,
        get_storage(),
        limit=settings.documents_max_upload_mb * 1_000_000,
        allowed=allowed_kinds(settings.documents_allowed_types),
    )


@router.post(
    "",
    response_model=DocumentUploadResult,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "The same file exists: that document"}, **UPLOAD_ERRORS},
    openapi_extra=_multipart(*_FORM_FIELDS),
)
async def upload_document(
    request: Request,
    response: Response,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
) -> DocumentUploadResult:
    """Upload one file (multipart/form-data, part ``file``) with its metadata and links.
    When the same bytes are stored already in a document you may see, the answer is that
    document (200, ``duplicate``), with this upload's links added."""
    received = await _receive(request, session, settings)
    try:
        data = _form(received.fields, DocumentCreate)
        document, duplicate_of = await uploads.create(session, principal, received, data)
    except BaseException:
        await received.staged.discard()
        raise
    if duplicate_of is not None:
        response.status_code = status.HTTP_200_OK
    read = await service.to_read(session, principal, document, settings.company_time_zone)
    return DocumentUploadResult(
        document=read, duplicate=duplicate_of is not None, duplicate_of_version=duplicate_of
    )


@router.get("/categories", response_model=list[Category])
async def list_categories(_: Reader, session: DbSession) -> list[Category]:
    return await categories.list_all(session)


@router.post(
    "/categories",
    response_model=Category,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE_ERRORS,
)
async def create_category(body: CategoryCreate, _: Admin, session: DbSession) -> Category:
    return await categories.create(session, body)


@router.patch("/categories/{category_id}", response_model=Category, responses=WRITE_ERRORS)
async def update_category(
    category_id: uuid.UUID, body: CategoryUpdate, _: Admin, session: DbSession
) -> Category:
    return await categories.update(session, category_id, body)


@router.delete(
    "/categories/{category_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_ERRORS
)
async def delete_category(category_id: uuid.UUID, _: Admin, session: DbSession) -> None:
    await categories.delete(session, category_id)


@router.get("/tags", response_model=list[TagCount])
async def list_tags(
    principal: Reader, session: DbSession, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[TagCount]:
    """The tags of the documents the caller may see, most used first."""
    rows = await repo.tag_counts(session, principal, limit)
    return [TagCount(tag=r.tag, count=r.count) for r in rows]


@router.post(
    "/integrity-checks",
    response_model=IntegrityReport,
    status_code=status.HTTP_202_ACCEPTED,
)
async def start_integrity_check(principal: Admin, session: DbSession) -> IntegrityReport:
    """Re-hash every stored file now (a job); findings become audit events."""
    return await files.start_integrity_check(session, principal)


@router.get(
    "/integrity-checks/latest", response_model=IntegrityReport, responses=responses(NotFound)
)
async def latest_integrity_check(_: Admin, session: DbSession) -> IntegrityReport:
    return await files.latest_integrity_check(session)


@router.get("/{document_id}", response_model=Document, responses=responses(NotFound))
async def read_document(
    document_id: uuid.UUID, principal: Reader, session: DbSession, settings: SettingsDep
) -> Document:
    document = await service.get_visible(session, principal, document_id)
    return await service.to_read(session, principal, document, settings.company_time_zone)


@router.patch("/{document_id}", response_model=Document, responses=WRITE_ERRORS)
async def update_document(
    document_id: uuid.UUID,
    body: DocumentUpdate,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
) -> Document:
    document = await service.update(session, principal, document_id, body)
    return await service.to_read(session, principal, document, settings.company_time_zone)


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_ERRORS)
async def delete_document(
    document_id: uuid.UUID, principal: Writer, session: DbSession, settings: SettingsDep
) -> None:
    """Refused (409) while the GoBD locks it or its category's retention period runs."""
    await service.delete(session, principal, document_id, settings.company_time_zone)


@router.post(
    "/{document_id}/versions",
    response_model=Document,
    status_code=status.HTTP_201_CREATED,
    responses=UPLOAD_ERRORS,
    openapi_extra=_multipart("file"),
)
async def add_version(
    document_id: uuid.UUID,
    request: Request,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
) -> Document:
    """A new version of the file (multipart/form-data, part ``file``); old versions stay."""
    received = await _receive(request, session, settings)
    try:
        if set(received.fields) - {"file"}:
            raise BusinessRuleViolation(
                "A new version takes only the file.", code="unexpected_field"
            )
        document = await uploads.add_version(session, principal, document_id, received)
    except BaseException:
        await received.staged.discard()
        raise
    return await service.to_read(session, principal, document, settings.company_time_zone)


@router.post("/{document_id}/links", response_model=Document, responses=WRITE_ERRORS)
async def link_document(
    document_id: uuid.UUID,
    body: LinkRef,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
) -> Document:
    document = await service.link(session, principal, document_id, body)
    return await service.to_read(session, principal, document, settings.company_time_zone)


@router.delete(
    "/{document_id}/links/{record_type}/{record_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
async def unlink_document(
    document_id: uuid.UUID,
    record_type: RecordType,
    record_id: uuid.UUID,
    principal: Writer,
    session: DbSession,
) -> None:
    """Refused (409 ``document_file_locked``) for a record the GoBD locks."""
    await service.unlink(session, principal, document_id, record_type, record_id)


@router.get(
    "/{document_id}/history", response_model=list[HistoryEntry], responses=responses(NotFound)
)
async def document_history(
    document_id: uuid.UUID, principal: Reader, session: DbSession
) -> list[HistoryEntry]:
    return await files.history(session, principal, document_id)


@router.get(
    "/{document_id}/content",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **responses(NotFound, Conflict)},
)
async def document_content(
    document_id: uuid.UUID,
    principal: Reader,
    session: DbSession,
    version: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    inline: bool = False,
) -> StreamingResponse:
    """The file (current or given version). ``inline=true`` shows PDFs and images in the
    browser; every other type is a download."""
    return await files.content(session, principal, document_id, version, inline=inline)


@router.get(
    "/{document_id}/pages/{page}",
    response_class=Response,
    responses={200: {"content": {"image/webp": {}}}, **responses(NotFound, Conflict)},
)
async def document_page(
    document_id: uuid.UUID,
    page: Annotated[int, Path(ge=1, le=100_000)],
    principal: Reader,
    session: DbSession,
    version: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    width: Annotated[int, Query(ge=100, le=1600)] = 800,
) -> Response:
    """One page of a PDF as an image (WebP), for the preview in the window."""
    return await files.page(session, principal, document_id, page, version, width)


@router.get(
    "/{document_id}/thumbnail",
    response_class=StreamingResponse,
    responses={200: {"content": {"image/webp": {}}}, **responses(NotFound)},
)
async def document_thumbnail(
    document_id: uuid.UUID, principal: Reader, session: DbSession
) -> StreamingResponse:
    return await files.thumbnail(session, principal, document_id)
