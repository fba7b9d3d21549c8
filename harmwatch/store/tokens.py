"""API tokens: created once (printed, never stored), then checked by hash.

A token reads ``hw_<lookup>_<secret>``. ``lookup`` finds the row without scanning; the
SHA-256 of the whole token is compared with ``hmac.compare_digest`` (constant time). Tokens
are 256-bit random, so a plain hash (no slow KDF) is enough: there is nothing to brute-force.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
from typing import Optional

from sqlalchemy import insert, select, update

from .db import WRITE, as_utc
from .schema import ApiTokenRow, table_of

TOKENS = table_of(ApiTokenRow)
ROLES = ("analyst", "admin")


@dataclasses.dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    role: str
    created_at: dt.datetime
    revoked: bool = False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store, name: str, role: str) -> tuple[str, ApiToken]:
    """A new token for ``name``; returns the token (show it once) and its record."""
    name = (name or "").strip()
    if not name:
        raise ValueError("a token needs a name (it is the analyst in the audit log)")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    lookup = secrets.token_hex(8)
    token = f"hw_{lookup}_{secrets.token_urlsafe(32)}"
    now = dt.datetime.now(dt.timezone.utc)
    with store.engine.connect() as c:
        c.execution_options(**{WRITE: True})
        with c.begin():
            tid = c.execute(insert(TOKENS).values(
                name=name, role=role, lookup=lookup, token_hash=_hash(token), created_at=now,
                revoked=False)).inserted_primary_key[0]
    return token, ApiToken(id=tid, name=name, role=role, created_at=now)


def verify_token(store, token: Optional[str]) -> Optional[ApiToken]:
    """The token's record if ``token`` is a live token, else ``None``."""
    if not token or not token.startswith("hw_") or token.count("_") < 2:
        return None
    lookup = token[3:].split("_", 1)[0]
    with store.engine.connect() as c:
        row = c.execute(select(TOKENS).where(TOKENS.c.lookup == lookup)).first()
    # Compare even when no row matched, so a miss and a wrong secret take the same time.
    expected = row.token_hash if row is not None else _hash("hw_none_none")
    ok = hmac.compare_digest(expected, _hash(token))
    if row is None or not ok or row.revoked:
        return None
    return ApiToken(id=row.id, name=row.name, role=row.role, created_at=as_utc(row.created_at),
                    revoked=row.revoked)


def list_tokens(store) -> list[ApiToken]:
    with store.engine.connect() as c:
        rows = c.execute(select(TOKENS).order_by(TOKENS.c.id)).all()
    return [ApiToken(id=r.id, name=r.name, role=r.role, created_at=as_utc(r.created_at),
                     revoked=r.revoked) for r in rows]


def revoke_token(store, token_id: int) -> bool:
    with store.engine.connect() as c:
        c.execution_options(**{WRITE: True})
        with c.begin():
            n = c.execute(update(TOKENS).where(TOKENS.c.id == token_id).values(revoked=True))
    return n.rowcount == 1
