"""The analyst's desk over HTTP: a REST API under ``/api/v1`` and the offline web app.

``create_app(settings)`` builds one FastAPI app on a store; ``harmwatch serve`` runs it with
uvicorn on loopback. Reads are open unless ``Settings.read_token_required``; every write needs
a bearer token (``harmwatch token create``), whose name is the analyst in the audit log.
This package never imports ``harmwatch.cli`` (the CLI imports ``api.cli``).
"""
from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
