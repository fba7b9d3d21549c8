"""Feed watching against a feed-and-article server started on 127.0.0.1: a good feed with an
HTML article and a PDF, a feed that times out, one that answers 500; conditional GET on the
second poll; the per-host rate limit; feed lists as text and OPML. Pages are written here."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harmwatch.store import Store
from harmwatch.watch.http import Fetcher, HostLimiter
from harmwatch.watch.watcher import Watcher, parse_every, read_feed_list

ARTICLE = """<!doctype html><html><head><title>Market strike in Idlib</title>
<meta property="article:published_time" content="2019-07-23T08:00:00Z"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Market strike in Idlib</h1>
<p>An airstrike on a crowded market in the town of Maarat al-Numan in Idlib province on
Monday killed 14 civilians, the civil defence said.</p>
<p>Rescuers were still searching the rubble on Monday evening, and the toll was expected to
rise, according to a local council member who asked not to be named.</p>
<p>The market had reopened a week earlier after months of closures.</p></article>
<footer>Copyright the test newsroom</footer></body></html>"""


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link>"
        f"<pubDate>Tue, 23 Jul 2019 09:00:00 GMT</pubDate></item>"
        for t, p in (("Market strike in Idlib", "/a1.html"), ("Casualty report", "/a2.pdf")))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test newsroom</title>'
            f"<link>{base}/</link>{items}</channel></rss>")


class Server:
    def __init__(self):
        self.log: list[tuple[str, float, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send(self, status, body=b"", ctype="text/html", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                outer.log.append((self.path, time.monotonic(), dict(self.headers)))
                if self.path == "/feed.xml":
                    validators = (("ETag", '"v1"'),
                                  ("Last-Modified", "Tue, 23 Jul 2019 09:00:00 GMT"))
                    if self.headers.get("If-None-Match") == '"v1"':
                        return self.send(304, headers=validators)
                    return self.send(200, rss(outer.base).encode(), "application/rss+xml",
                                     validators)
                if self.path == "/slow.xml":
                    time.sleep(1.0)
                    return self.send(200, rss(outer.base).encode(), "application/rss+xml")
                if self.path == "/broken.xml":
                    return self.send(500, b"oops", "text/plain")
                if self.path == "/a1.html":
                    return self.send(200, ARTICLE.encode(), "text/html; charset=utf-8")
                if self.path == "/a2.pdf":
                    return self.send(200, b"%PDF-1.4 not a page", "application/pdf")
                self.send(404, b"missing", "text/plain")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def hits(self, path: str) -> list:
        return [entry for entry in self.log if entry[0] == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def fetcher(**kw):
    opts = dict(timeout=0.4, retries=1, backoff=0.05, per_host_interval=0.02) | kw
    return Fetcher(**opts)


def test_poll_ingests_articles_and_reports_failing_feeds_without_stopping(server, tmp_path):
    feeds = [f"{server.base}/slow.xml", f"{server.base}/broken.xml", f"{server.base}/feed.xml"]
    state = tmp_path / "state.json"
    with Store(str(tmp_path / "hw.db")) as store, fetcher() as f:
        w = Watcher(feeds, store, fetcher=f, state_path=state, retry_after=600)
        first = w.poll()
        errors = dict(first.feed_errors)
        assert "timed out" in errors[feeds[0]] and errors[feeds[1]].startswith("HTTP 500")
        assert len(server.hits("/broken.xml")) == 2  # one retry, then reported
        assert first.feeds_changed == 1 and first.articles == 1
        assert first.article_errors == [(f"{server.base}/a2.pdf",
                                         "not an article (content type application/pdf)")]
        [doc] = list(store.iter_documents())
        assert doc.url == f"{server.base}/a1.html" and "killed 14 civilians" in doc.text
        assert "Home" not in doc.text and "Copyright" not in doc.text  # main text only
        assert doc.published.isoformat() == "2019-07-23"
        assert [c.count_low for c in store.claims_for_document(doc.id)] == [14]
        assert all(h[2]["User-Agent"].startswith("harmwatch/") for h in server.log)

        # second poll: the feed is unchanged (304), the failed feeds wait for their retry
        second = w.poll()
        assert second.feeds_not_modified == 1 and second.feeds_waiting == 2
        assert second.articles == 0 and not second.feed_errors
        sent = server.hits("/feed.xml")[-1][2]
        assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"].endswith("GMT")
        assert len(server.hits("/a1.html")) == 1 and len(server.hits("/a2.pdf")) == 1
    # a restarted watcher remembers validators and seen links (state file)
    with Store(str(tmp_path / "hw.db")) as store, fetcher() as f:
        again = Watcher(feeds[2:], store, fetcher=f, state_path=state).poll()
        assert again.feeds_not_modified == 1 and store.count_documents() == 1


def test_a_failed_feed_is_retried_once_due(server, tmp_path):
    now = [1000.0]
    with Store(str(tmp_path / "hw.db")) as store, fetcher() as f:
        w = Watcher([f"{server.base}/broken.xml"], store, fetcher=f, retry_after=60,
                    clock=lambda: now[0])
        assert len(w.poll().feed_errors) == 1
        assert w.poll().feeds_waiting == 1
        now[0] += 61
        assert len(w.poll().feed_errors) == 1  # retried, failed again: backs off 120 s
        now[0] += 61
        assert w.poll().feeds_waiting == 1


def test_per_host_rate_limit_spaces_requests_to_one_host():
    slept: list[float] = []
    limiter = HostLimiter(interval=1.0, clock=lambda: 50.0, sleep=slept.append)
    for url in ("http://a.example/1", "http://a.example/2", "http://b.example/1",
                "http://a.example/3"):
        limiter.wait(url)
    assert slept == [1.0, 2.0]  # a.example waits; b.example does not


def test_rate_limit_against_the_server(server):
    with fetcher(per_host_interval=0.3) as f:
        for _ in range(3):
            f.get(f"{server.base}/feed.xml")
    times = [t for _, t, _ in server.hits("/feed.xml")]
    assert len(times) == 3 and min(b - a for a, b in zip(times, times[1:])) >= 0.25


def test_feed_lists_text_and_opml(tmp_path):
    txt = tmp_path / "feeds.txt"
    txt.write_text("# newsrooms\nhttps://a.example/rss\n\nhttps://b.example/atom # b\n"
                   "https://a.example/rss\n")
    assert read_feed_list(txt) == ["https://a.example/rss", "https://b.example/atom"]
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="news">'
                    '<outline type="rss" xmlUrl="https://c.example/feed"/></outline>'
                    '</body></opml>')
    assert read_feed_list(opml) == ["https://c.example/feed"]
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2") == 2


def test_watch_command_once(server, tmp_path):
    import typer
    from typer.testing import CliRunner

    from harmwatch.cli.common import CliContext
    from harmwatch.watch.cli import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        pass

    db = str(tmp_path / "hw.db")
    register(app)
    given = CliContext(opener=lambda: Store(db))  # what the main app's --db puts in ctx.obj
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/feed.xml\n{server.base}/broken.xml\n")
    run = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--per-host", "0"], obj=given)
    assert run.exit_code == 1  # a feed failed: said in the exit status, the other went on
    said = " ".join(run.output.split())  # Rich wraps long lines
    assert "1 new document" in said and "HTTP 500" in said
    assert (tmp_path / "feeds.txt.state.json").exists()
    with Store(db) as s:
        assert s.count_documents() == 1
