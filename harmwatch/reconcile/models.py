"""The reconciled record: one incident made of events from many reports.

Why these shapes: every number an analyst reads (a low, a best, a high, a timeline point)
must lead back to the sentences that support it, so figures carry ``ClaimRef``s (document,
span, source, publication date), not just integers. The store keeps the filterable values in
columns and the rest in its ``extra`` JSON column; ``Incident.to_row``/``from_row`` are the
two directions of that mapping.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

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
