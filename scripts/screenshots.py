"""Screenshots of the web desk for the README: docs/screenshots/map.png and incident.png.

Ingests samples/ into a temporary database, serves the app on loopback and drives Debian's
Chromium through Playwright (no browser download): ``python scripts/screenshots.py``.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from harmwatch.api import Settings, create_app
    from harmwatch.api.server import BackgroundServer
    from harmwatch.reconcile.models import Incident
    from harmwatch.store import Store

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/desk.db"
        subprocess.run([sys.executable, "-m", "harmwatch.cli", "--db", db, "ingest",
                        str(ROOT / "samples")], check=True, cwd=ROOT,
                       env=os.environ | {"PYTHONPATH": str(ROOT)})
        store = Store(db)
        incs = [Incident.from_row(r) for r in store.iter_incidents()]
        shown = max(incs, key=lambda i: (len(i.doc_ids), len(i.timeline), i.killed.best or 0))
        app = create_app(Settings(db=db), store=store)
        with BackgroundServer(app) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/")
            page.wait_for_selector("body[data-loaded]")
            page.wait_for_timeout(800)  # outlines and cluster animation
            page.screenshot(path=str(args.out / "map.png"), full_page=False)
            page.goto(f"{url}/incidents/{shown.id}")
            page.screenshot(path=str(args.out / "incident.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": 1280, "height": 1500})
            browser.close()
        store.close()
    print(f"wrote {args.out / 'map.png'} and {args.out / 'incident.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
