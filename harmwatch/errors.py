"""Errors meant for the person at the keyboard: one line, with a code to search for.

Why codes: like spaCy's ``[E050]``, a stable code lets a user find the explanation and lets
tests check the failure without matching prose. The CLI prints ``error [E101]: message`` and
exits with status 1; it never shows a traceback for these.
"""
from __future__ import annotations

from typing import Optional


class HarmwatchError(Exception):
    """A failure the user can act on. ``str(err)`` is the whole one-line message."""

    code = "E000"

    def __init__(self, message: str, *, hint: Optional[str] = None, code: Optional[str] = None):
        super().__init__(message)
        self.message, self.hint = message, hint
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}" + (f" ({self.hint})" if self.hint else "")


class DatabaseOpenError(HarmwatchError):
    """The database cannot be opened or created where ``--db`` points."""

    code = "E101"


class DatabaseCorruptError(HarmwatchError):
    """The file exists but is not a readable SQLite/harmwatch database."""

    code = "E102"


class DatabaseMissingError(HarmwatchError):
    """A read command named a database that does not exist (a mistyped path)."""

    code = "E103"


class DatabaseBusyError(HarmwatchError):
    """Another process held the database lock for longer than we wait."""

    code = "E104"


class DuplicateIdError(HarmwatchError):
    """Two documents with one id and different text: one would silently replace the other."""

    code = "E201"


class OutputError(HarmwatchError):
    """A file cannot be written or read (missing folder, permissions, full disk)."""

    code = "E301"


class EvalInputError(HarmwatchError):
    """An evaluation file harmwatch cannot score (unknown gold kind, bad lines)."""

    code = "E401"


def database_error(exc: BaseException, url: str) -> HarmwatchError:
    """The user-facing error for a driver failure while opening ``url``."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    if "not a database" in low or "malformed" in low or "disk image" in low:
        return DatabaseCorruptError(f"{url}: not a readable database file ({text})",
                                    hint="restore it from a backup or point --db elsewhere")
    if "locked" in low or "busy" in low:
        return DatabaseBusyError(f"{url}: database is locked by another process ({text})")
    if "no such table" in low or "no such column" in low or "alembic" in low:
        return DatabaseCorruptError(f"{url}: not a harmwatch database ({text})")
    return DatabaseOpenError(f"cannot open database {url}: {text}")
