"""Request and response bodies of the API (they are its OpenAPI schema).

Records the rest of harmwatch already defines are reused, not copied: a listed document is
``models.DocumentSummary``, an audit entry is ``models.ReviewAction``, an incident
``models.Incident``.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models import CasualtyClaim, DocumentSummary, Event, Grade, ReviewAction


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


Reason = Field(None, max_length=2000, description="Why (kept in the audit log).")


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: Optional[str] = None


class Highlight(BaseModel):
    """A figure's characters in the document text: ``text[start:end]``."""

    claim_id: str
    start: int
    end: int
    text: str


class DocumentDetail(DocumentSummary):
    text: str
    claim_records: list[CasualtyClaim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)


class Range(BaseModel):
    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None


class IncidentSummary(BaseModel):
    id: str
    type: Optional[str] = None
    status: str
    date_start: Optional[dt.date] = None
    date_end: Optional[dt.date] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    place_name: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    actors: list[str] = Field(default_factory=list)
    killed: Range
    civilians_killed: Range
    injured: Range
    grade: Optional[Grade] = None
    documents: int = 0


class IncidentPage(BaseModel):
    items: list[IncidentSummary]
    next_cursor: Optional[str] = None
    total: int


AuditEntry = ReviewAction
"""An entry of the audit log, as the store reads it back."""


class ClaimDetail(BaseModel):
    claim: CasualtyClaim
    document: DocumentSummary


class Place(BaseModel):
    country: Optional[str] = None
    admin1: Optional[str] = None
    name: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None
    incidents: int
    killed_best: int


class Actor(BaseModel):
    name: str
    incidents: int
    killed_best: int


class Me(BaseModel):
    name: str
    role: str


class ConfirmIn(_In):
    grade: Optional[Grade] = None
    reason: Optional[str] = Reason


class CorrectIn(_In):
    field: str = Field(..., max_length=64, description="e.g. killed_high, grade, type, lat.")
    value: Union[int, float, str, None] = Field(..., description="The right value (null clears).")
    reason: Optional[str] = Reason


class MergeIn(_In):
    incidents: list[str] = Field(..., min_length=2, max_length=100,
                                 description="Incident ids; the first is kept.")
    reason: Optional[str] = Reason


class SplitIn(_In):
    events: list[str] = Field(..., min_length=1, max_length=1000,
                              description="Event ids to move into a new incident.")
    new_id: Optional[str] = Field(None, min_length=1, max_length=64)
    reason: Optional[str] = Reason


class RejectIn(_In):
    reason: Optional[str] = Reason


class ReviewDone(BaseModel):
    action_id: int
    analyst: str
    incident: Optional[str] = None
    new_incident: Optional[str] = None


class IngestIn(_In):
    """One report: plain ``text`` (a header block is read as in a .txt file) or an ``html`` page."""

    text: Optional[str] = Field(None, min_length=1)
    html: Optional[str] = Field(None, min_length=1)
    title: Optional[str] = Field(None, max_length=1000)
    publisher: Optional[str] = Field(None, max_length=300)
    published: Optional[dt.date] = None
    url: Optional[str] = Field(None, max_length=2000)


class IngestDone(BaseModel):
    id: str
    new: bool
    claims: int
    events: int
    incidents: list[str]


class TokenIn(_In):
    name: str = Field(..., min_length=1, max_length=100)
    role: Literal["analyst", "admin"]

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        """The name is the analyst in the audit log: blank ("\u0085", spaces) is refused (422)."""
        if not value.strip():
            raise ValueError("a token needs a name that is not blank")
        return value.strip()


class TokenOut(BaseModel):
    token: str = Field(..., description="Shown once; only its hash is stored.")
    id: int
    name: str
    role: str
