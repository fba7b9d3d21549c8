"""Rich consoles and the output formats the CLI commands share."""
from enum import Enum

from rich.console import Console


def make_console(**kw) -> Console:
    """A console; when output goes to a file or pipe, wide enough that tables stay readable."""
    c = Console(**kw)
    return c if c.is_terminal else Console(width=160, **kw)


class OutputFormat(str, Enum):
    """What list-like commands print: a Rich table, or one JSON object a line."""

    jsonl = "jsonl"
    table = "table"
