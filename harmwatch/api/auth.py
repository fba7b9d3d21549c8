"""Bearer tokens: who may write (and, when the setting closes reads, who may read).

The analyst recorded in the audit log is the token's name, never a request field.
"""
from __future__ import annotations

from typing import Optional

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..store.tokens import ApiToken, verify_token
from .problems import Problem

bearer = HTTPBearer(auto_error=False, description="A token from `harmwatch token create`.")
CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _token(request: Request, creds: Optional[HTTPAuthorizationCredentials]) -> Optional[ApiToken]:
    if creds is None or creds.scheme.lower() != "bearer":
        return None
    return verify_token(request.app.state.store, creds.credentials)


def require(*roles: str):
    """A dependency: the caller's token, which must have one of ``roles``."""

    def dep(request: Request,
            creds: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> ApiToken:
        tok = _token(request, creds)
        if tok is None:
            raise Problem(401, "a valid bearer token is required for this request",
                          headers=CHALLENGE)
        if tok.role not in roles:
            raise Problem(403, f"this needs the role {' or '.join(roles)}; the token "
                               f"{tok.name!r} has {tok.role!r}")
        return tok

    return dep


analyst = require("analyst", "admin")
admin = require("admin")


def reader(request: Request,
           creds: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> Optional[ApiToken]:
    """Reads are open unless the app was started with ``read_token_required``."""
    tok = _token(request, creds)
    if request.app.state.settings.read_token_required and tok is None:
        raise Problem(401, "this server requires a token to read", headers=CHALLENGE)
    return tok
