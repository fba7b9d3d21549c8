"""``python -m harmwatch.cli``: the same as the ``harmwatch`` command."""
from . import app

app(prog_name="harmwatch")
