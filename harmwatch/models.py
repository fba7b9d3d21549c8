"""The record types, defined once and shared by every stage.

The field names follow ``../shared/eval/FORMAT.md`` (the output contract); extra fields are
allowed by that contract and carry what later stages (reconcile, review, export) need.
Unknown values are ``None``: the extractor never guesses.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from enum import Enum
from typing import Any, Literal, Optional

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


class DocumentSummary(DocumentRef):
    """A stored document as listed (the API's documents page): no text, its claim count."""

    format: Optional[str] = None
    ingested_at: Optional[dt.datetime] = None
    claims: int = 0


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
    scope: Literal["incident", "cumulative", "superseded", "background"] = "incident"
    """``cumulative`` for running totals ("more than 30,000 killed since the war began"):
    reported, but never part of an incident's toll. ``superseded`` for a figure the text itself
    says came first ("initially reported three dead", "up from 12"): kept, and used in a toll
    only when no other figure is given. ``background`` for the dead of an earlier event told in
    passing ("since 2017, when a truck bomb killed 500"): linked to that event, never a toll."""
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
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    """Character spans of the document's sentences as the parser split them, in order (empty
    where the relevance filter kept the text from the parser). Reconciliation and grading read
    these instead of splitting the text again."""

    def sentence_texts(self, text: str) -> list[str]:
        return [text[a:b] for a, b in self.sentences]

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)


class IngestError(_Record):
    """A file or item that could not be read: reported, skipped, never fatal for the run."""

    path: str
    reason: str


# -- the reconciled record (reconcile/) and the analyst review log (store/, api/) -------------
# Why these shapes: every number an analyst reads (a low, a best, a high, a timeline point)
# must lead back to the sentences that support it, so figures carry ``ClaimRef``s (document,
# span, source, publication date), not just integers. The store keeps the filterable values in
# columns and the rest in its ``extra`` JSON column; ``Incident.to_row``/``from_row`` are the
# two directions of that mapping.

MEASURES: tuple[str, ...] = ("killed", "injured", "civilians_killed", "children_killed")
FIGURE_PARTS: tuple[str, ...] = ("low", "best", "high")


class Grade(str, Enum):
    """Airwars' public grades (what the text supports of them)."""

    CONFIRMED = "Confirmed"
    FAIR = "Fair"
    WEAK = "Weak"
    CONTESTED = "Contested"
    DISCOUNTED = "Discounted"


class _Model(BaseModel):
    """Reconciled records read back from the store: unknown keys (new columns) are ignored."""

    model_config = ConfigDict(extra="ignore")


class ClaimRef(_Model):
    """One reported figure as evidence: where it is, who said it, when it was published."""

    claim_id: str
    doc_id: str
    event_id: Optional[str] = None
    low: Optional[int] = None
    """The figure's lower end as used here ("as many as 31" → 31: the Airwars convention)."""
    high: Optional[int] = None
    count_low: Optional[int] = None
    count_high: Optional[int] = None
    qualifier: Optional[str] = None
    number_text: Optional[str] = None
    group: str = "people"
    outcome: str = "killed"
    source: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    title: Optional[str] = None
    url: Optional[str] = None
    span: Optional[tuple[int, int]] = None
    sentence: str = ""
    sentence_span: Optional[tuple[int, int]] = None


class IncidentFigure(_Model):
    """low / best / high for one measure, each with the claims that give that value."""

    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    low_claims: list[str] = Field(default_factory=list)
    best_claims: list[str] = Field(default_factory=list)
    high_claims: list[str] = Field(default_factory=list)
    claims: list[ClaimRef] = Field(default_factory=list)
    """Every claim that went into the range."""
    note: str = ""
    """How best was chosen (or who corrected what)."""
    corrected: dict[str, Any] = Field(default_factory=dict)
    """part → {value, machine, analyst, action_id, reason} for analyst overrides."""

    def is_empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None


class TimelinePoint(_Model):
    """What one report said the toll was, at its publication date."""

    measure: str = "killed"
    published: Optional[dt.date] = None
    doc_id: str
    claim_id: str
    low: Optional[int] = None
    high: Optional[int] = None
    number_text: Optional[str] = None
    qualifier: Optional[str] = None
    source: Optional[str] = None
    publisher: Optional[str] = None


class SourceRef(_Model):
    """A report that contributed to the incident."""

    doc_id: str
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    event_ids: list[str] = Field(default_factory=list)
    event_sentences: list[str] = Field(default_factory=list)
    claim_ids: list[str] = Field(default_factory=list)


class Incident(_Model):
    id: str
    type: Optional[str] = None
    status: str = "unreviewed"
    """Review state: unreviewed, confirmed (an analyst confirmed it), corrected."""
    country: Optional[str] = None
    admin1: Optional[str] = None
    place_name: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    place_precision: Optional[str] = None
    date_start: Optional[dt.date] = None
    date_end: Optional[dt.date] = None
    date_precision: Optional[str] = None
    actors: list[str] = Field(default_factory=list)
    killed: IncidentFigure = Field(default_factory=IncidentFigure)
    injured: IncidentFigure = Field(default_factory=IncidentFigure)
    civilians_killed: IncidentFigure = Field(default_factory=IncidentFigure)
    children_killed: IncidentFigure = Field(default_factory=IncidentFigure)
    grade: Optional[Grade] = None
    grade_reason: Optional[str] = None
    timeline: list[TimelinePoint] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)
    review: list[dict[str, Any]] = Field(default_factory=list)
    """The analyst actions applied to this incident (id, action, analyst, when, reason)."""
    overrides: dict[str, Any] = Field(default_factory=dict)
    """Non-figure fields an analyst corrected: field → {value, machine, analyst, ...}."""
    contradicted: list[str] = Field(default_factory=list)
    """Analyst corrections that later reports contradict (the analyst's value stays in force)."""
    updated_at: Optional[dt.datetime] = None

    def figure(self, measure: str) -> IncidentFigure:
        return getattr(self, measure)

    def to_row(self) -> dict[str, Any]:
        """The dict the store takes: columns flattened, everything else to ``extra``."""
        data = self.model_dump(mode="json", exclude={*MEASURES})
        data["grade"] = self.grade.value if self.grade else None
        for m in MEASURES:
            fig = self.figure(m)
            for part in FIGURE_PARTS:
                data[f"{m}_{part}"] = getattr(fig, part)
            data[f"{m}_figure"] = fig.model_dump(mode="json")
        return data

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Incident":
        """Back from ``Store.get_incident``; columns win over the copies kept in ``extra``."""
        data = dict(row)
        for m in MEASURES:
            fig = IncidentFigure.model_validate(data.pop(f"{m}_figure", None) or {})
            for part in FIGURE_PARTS:
                value = data.pop(f"{m}_{part}", None)
                if value is not None or getattr(fig, part) is not None:
                    setattr(fig, part, value)
            data[m] = fig
        return cls.model_validate(data)


class ReviewAction(BaseModel):
    """One analyst decision of the append-only audit log, as the store reads it back.

    Keyed by stable ids (document, event, claim, incident), never row foreign keys, so
    re-extracting or re-reconciling loses none; reconcile replays them in ``id`` order. The
    API returns these as they are (its audit entries)."""

    model_config = ConfigDict(frozen=True)

    id: int
    created_at: dt.datetime
    analyst: str
    action: str
    """confirm, correct, merge, split, reject_claim (``reconcile/actions.py``)."""
    target_kind: str
    """document, event, claim or incident."""
    target_id: str
    payload: dict[str, Any]
    reason: Optional[str] = None
