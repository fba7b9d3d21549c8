"""The analyst review log as read back from the store (``ReviewAction`` is in ``models``).

Review actions are an append-only audit trail keyed by stable ids (document, event, claim,
incident), never by row foreign keys, so re-extracting or re-reconciling loses none of them.
The reconcile stage replays them in ``id`` order (corrections are overrides of machine output).
"""
from __future__ import annotations

from sqlalchemy import Row

from ..models import ReviewAction
from .db import as_utc

__all__ = ["ReviewAction", "review_action_from_row"]


def review_action_from_row(r: Row) -> ReviewAction:
    return ReviewAction(
        id=r.id, created_at=as_utc(r.created_at), analyst=r.analyst, action=r.action,
        target_kind=r.target_kind, target_id=r.target_id, payload=r.payload or {},
        reason=r.reason,
    )
