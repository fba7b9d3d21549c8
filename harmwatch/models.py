"""The record types, defined once and shared by every stage.

The field names follow ``../shared/eval/FORMAT.md`` (the output contract); extra fields are
allowed by that contract and carry what later stages (reconcile, review, export) need.
Unknown values are ``None``: the extractor never guesses.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
"""Character offsets ``[start, end)`` into ``Document.text``."""

Outcome = Literal["killed", "injured", "missing", "displaced"]
Modality = Literal["asserted", "hypothetical"]
EventStatus = Literal["occurred", "planned", "threatened"]
Group = Literal["civilians", "children", "women", "combatants", "soldiers", "police", "people"]
PlacePrecision = Literal["point", "neighbourhood", "city", "admin2", "admin1", "country", "region"]
DatePrecision = Literal["day", "week", "month", "year"]

# ACLED sub-event types (the event taxonomy). ``NOT_CONFLICT`` marks text that reports no
# political-violence or demonstration event (disasters, crime, diplomacy).
ACLED_SUBTYPES: tuple[str, ...] = (
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
    "Chemical weapon",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
)
NOT_CONFLICT = "Not a conflict event"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def content_id(text: str) -> str:
    """Stable document id: the same content always gets the same id (idempotent ingest)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Document(_Record):
    id: str
    text: str
    title: Optional[str] = None
    author: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    source_path: Optional[str] = None
    """Where it was read from (file path, with ``#N`` for the Nth item of a feed/JSONL)."""
    format: Optional[str] = None
    """Reader that produced it: text, markdown, html, rss, jsonl."""

    @classmethod
    def from_text(cls, text: str, *, id: Optional[str] = None, **meta) -> "Document":
        return cls(id=id or content_id(text), text=text, **meta)

    def ref(self) -> "DocumentRef":
        return DocumentRef(
            id=self.id, title=self.title, author=self.author, publisher=self.publisher,
            published=self.published, url=self.url,
        )


class DocumentRef(_Record):
    """The document as it appears in an extraction record (everything but the text)."""

    id: str
    title: Optional[str] = None
    author: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None


class Place(_Record):
    name: str
    """As written in the text (``"Aleppo province"`` → ``"Aleppo"``, the matched name)."""
    country: Optional[str] = None
    """ISO 3166-1 alpha-2."""
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[PlacePrecision] = None
    geonameid: Optional[int] = None
    resolved_name: Optional[str] = None
    """The gazetteer's own name for the entry (``"Ḩalab"``)."""
    span: Optional[Span] = None


class DateRange(_Record):
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    precision: Optional[DatePrecision] = None
    text: Optional[str] = None
    """The words the date was read from (``"Tuesday"``)."""
    span: Optional[Span] = None


class CasualtyClaim(_Record):
    """One reported figure: who was harmed, how many, according to whom, where it says so."""

    id: str = ""
    count_low: Optional[int] = None
    count_high: Optional[int] = None
    qualifier: Optional[str] = None
    """exact, at least, more than, as many as, about, range, dozens, ... (FORMAT.md table)."""
    group: Group = "people"
    group_text: Optional[str] = None
    """Victims as written (``"civilians and aid workers"``)."""
    outcome: Outcome = "killed"
    modality: Modality = "asserted"
    source: Optional[str] = None
    event: Optional[str] = None
    """Id of the event of this document the claim belongs to."""
    span: Span
    sentence: str
    sentence_span: Optional[Span] = None
    number_text: Optional[str] = None
    """The figure as written (``"as many as 212"``)."""
    subtotal: bool = False
    """Part of a larger figure of the same sentence ("86, including 30 children")."""
    scope: Literal["incident", "cumulative", "superseded"] = "incident"
    """``cumulative`` for running totals ("more than 30,000 killed since the war began"):
    reported, but never part of an incident's toll. ``superseded`` for a figure the text itself
    says came first ("initially reported three dead", "up from 12"): kept, and used in a toll
    only when no other figure is given."""
    doc_id: Optional[str] = None


class Toll(_Record):
    """Per-event [low, high] over the figures a document gives (Airwars convention)."""

    killed: tuple[Optional[int], Optional[int]] = (None, None)
    injured: tuple[Optional[int], Optional[int]] = (None, None)
    civilians_killed: tuple[Optional[int], Optional[int]] = (None, None)
    children_killed: tuple[Optional[int], Optional[int]] = (None, None)
    unquantified: list[str] = Field(default_factory=list)
    """Outcomes whose range does not come from a casualty claim alone: victims reported in the
    plural with no figure ("others were injured", [2, 2] by Airwars' methodology), victims
    listed one by one ("a woman and her infant"), or one figure for dead and hurt together
    ("dozens of martyrs and wounded"); empty when every figure is a claim of the document."""


class Event(_Record):
    id: str
    type: str
    """An ACLED sub-event type (``ACLED_SUBTYPES``) or ``NOT_CONFLICT``."""
    status: EventStatus = "occurred"
    actors: list[str] = Field(default_factory=list)
    place: Optional[Place] = None
    date: Optional[DateRange] = None
    toll: Toll = Field(default_factory=Toll)
    trigger: Optional[str] = None
    """The words that name the event (``"Airstrikes"``)."""
    span: Optional[Span] = None
    sentence: Optional[str] = None
    doc_id: Optional[str] = None


class Deployment(_Record):
    """Troops or assets sent somewhere: never a casualty."""

    id: str = ""
    count: Optional[int] = None
    qualifier: Optional[str] = None
    asset: str
    """What is deployed (``"US troops"``, ``"aircraft carrier Charles de Gaulle"``)."""
    actor: Optional[str] = None
    """Who sends them (canonical name where known)."""
    destination: Optional[Place] = None
    status: EventStatus = "occurred"
    span: Span
    sentence: str
    doc_id: Optional[str] = None


class Quote(_Record):
    id: str = ""
    text: str
    speaker: Optional[str] = None
    role: Optional[str] = None
    span: Span
    """Span of the quoted words (without the quotation marks)."""
    sentence: str
    doc_id: Optional[str] = None


class Extraction(_Record):
    """Everything extracted from one document: one JSON object per document (FORMAT.md)."""

    document: DocumentRef
    casualties: list[CasualtyClaim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    deployments: list[Deployment] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    """Every place resolved in the document, in text order."""

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)


class IngestError(_Record):
    """A file or item that could not be read: reported, skipped, never fatal for the run."""

    path: str
    reason: str
