"""Rich consoles for the CLI."""
from rich.console import Console


def make_console(**kw) -> Console:
    """A console; when output goes to a file or pipe, wide enough that tables stay readable."""
    c = Console(**kw)
    return c if c.is_terminal else Console(width=160, **kw)
