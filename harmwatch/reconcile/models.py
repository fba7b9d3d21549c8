"""The reconciled record's types, kept importable from here: they are defined once, in
``harmwatch.models`` (the API schemas and the store use them too)."""
from __future__ import annotations

from ..models import (
    FIGURE_PARTS, MEASURES, ClaimRef, Grade, Incident, IncidentFigure, SourceRef, TimelinePoint,
)

__all__ = ["FIGURE_PARTS", "MEASURES", "ClaimRef", "Grade", "Incident", "IncidentFigure",
           "SourceRef", "TimelinePoint"]
