"""The analyst review log as read back from the store.

Review actions are an append-only audit trail keyed by stable ids (document, event, claim,
incident), never by row foreign keys, so re-extracting or re-reconciling loses none of them.
The reconcile stage replays them in ``id`` order (corrections are overrides of machine output).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Optional

from sqlalchemy import Row

from .db import as_utc


@dataclasses.dataclass(frozen=True)
class ReviewAction:
    id: int
    created_at: dt.datetime
    analyst: str
    action: str
    """confirm, correct, merge, split, reject_claim, ... (the review stage defines them)."""
    target_kind: str
    """document, event, claim or incident."""
    target_id: str
    payload: dict[str, Any]
    reason: Optional[str] = None


def review_action_from_row(r: Row) -> ReviewAction:
    return ReviewAction(
        id=r.id, created_at=as_utc(r.created_at), analyst=r.analyst, action=r.action,
        target_kind=r.target_kind, target_id=r.target_id, payload=r.payload or {},
        reason=r.reason,
    )
