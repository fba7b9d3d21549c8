"""Ingest stage: every format, every failure mode, and the promise never to raise on bad input."""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import harmwatch.ingest as ingest
from harmwatch.ingest import MAX_BYTES, MAX_TEXT_CHARS, iter_documents, read_bytes, read_file
from harmwatch.ingest.dates import parse_date
from harmwatch.ingest.header import looks_like_name
from harmwatch.models import Document, IngestError, content_id

REPO = Path(__file__).parents[1]
SHARED_SAMPLE = REPO.parent / "shared" / "samples" / "wsws-2016-07-22-aleppo-airstrikes.md"
SAMPLES = REPO / "samples"


def body(doc):
    """The text after the headline paragraph (ingest puts the headline first; see with_headline)."""
    if doc.title and doc.text.startswith(doc.title.strip() + "\n\n"):
        return doc.text[len(doc.title.strip()) + 2 :]
    return doc.text


def test_headline_is_the_first_paragraph(shared_sample):
    from harmwatch.ingest import read_file

    (doc,) = read_file(shared_sample)
    assert doc.text.startswith("US air raids kill more than 200 civilians in northern Syria\n\nAirstrikes")



def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def one_doc(path: Path) -> Document:
    items = read_file(path)
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def one_error(path: Path) -> IngestError:
    items = read_file(path)
    assert len(items) == 1, items
    assert isinstance(items[0], IngestError), items[0]
    return items[0]


# --- the canonical shared sample ------------------------------------------------------------

@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason=f"shared sample not present at {SHARED_SAMPLE}")
def test_shared_sample_metadata_and_body():
    doc = one_doc(SHARED_SAMPLE)
    assert doc.title == "US air raids kill more than 200 civilians in northern Syria"
    assert doc.author == "Thomas Gaist"
    assert doc.published == dt.date(2016, 7, 22)
    assert doc.format == "markdown"
    assert body(doc).startswith("Airstrikes by the American-led war coalition")
    assert "it is already clear that the assaults will be bloody affairs" in body(doc)
    assert "the\n\nassaults" not in body(doc)
    assert "commitments that will help us deliver ISIL" in body(doc)
    # metadata lines and the site footer are not prose
    assert "Thomas Gaist" not in body(doc) and "22 July 2016" not in body(doc)
    assert "**" not in body(doc) and "wsws.org/contact" not in body(doc)
    assert body(doc).rstrip().endswith("for targeting by NATO forces.")
    assert doc.id == content_id(doc.text)


# --- Markdown --------------------------------------------------------------------------------

MARKDOWN = """

# Shelling in *Kherson* kills [two](https://example.org/x) people

**Olena Petrenko**  
**3 November 2023**

Two people were killed on **Friday** when shells hit a bus stop in [Kherson](https://example.org/kherson),
the regional governor said. ![a photo](https://example.org/p.jpg)

## Aftermath

Rescuers said at least five people were injured, and that the

number could rise.

- first item
- second item with __bold__ text

> A quoted paragraph.

---

To contact the editors visit:

**[example.org/contact](https://example.org/contact)**
"""


def test_markdown_header_and_markup(tmp_path):
    doc = one_doc(write(tmp_path, "kherson.md", MARKDOWN))
    assert doc.title == "Shelling in Kherson kills two people"
    assert doc.author == "Olena Petrenko"
    assert doc.published == dt.date(2023, 11, 3)
    assert doc.format == "markdown"
    paragraphs = body(doc).split("\n\n")
    assert paragraphs[0] == (
        "Two people were killed on Friday when shells hit a bus stop in Kherson, "
        "the regional governor said."
    )
    assert paragraphs[1] == "Aftermath"
    assert paragraphs[2] == "Rescuers said at least five people were injured, and that the number could rise."
    assert paragraphs[3] == "first item\nsecond item with bold text"
    assert paragraphs[4] == "A quoted paragraph."
    assert len(paragraphs) == 5  # rule and contact footer dropped
    for junk in ("#", "**", "](", "photo", "http"):
        assert junk not in body(doc)


def test_markdown_front_matter_lines(tmp_path):
    text = (
        "Title: Clashes near Kidal\nBy Awa Maïga\nPublished: 2024-01-09\nSource: Sahel Daily\n"
        "URL: https://example.org/kidal\n\nFighting near Kidal killed 4 soldiers, the army said.\n"
    )
    doc = one_doc(write(tmp_path, "kidal.md", text))
    assert (doc.title, doc.author, doc.publisher) == ("Clashes near Kidal", "Awa Maïga", "Sahel Daily")
    assert doc.published == dt.date(2024, 1, 9)
    assert doc.url == "https://example.org/kidal"
    assert body(doc) == "Fighting near Kidal killed 4 soldiers, the army said."


def test_markdown_yaml_front_matter(tmp_path):
    text = '---\ntitle: "Strike on Idlib"\ndate: 2020-02-11\nauthor: Sam Roe\ntags: [syria]\n---\n\nBody text here.\n'
    doc = one_doc(write(tmp_path, "idlib.md", text))
    assert (doc.title, doc.author, doc.published) == ("Strike on Idlib", "Sam Roe", dt.date(2020, 2, 11))
    assert body(doc) == "Body text here."


@pytest.mark.parametrize(
    "header, author",
    [
        ("*By Jane Doe, Reuters*", "Jane Doe"),
        ("**By Jane Doe | Staff**", "Jane Doe"),
        ("By Jane Doe and Ali Hassan", "Jane Doe and Ali Hassan"),
        ("**Jane Doe**  ", "Jane Doe"),
    ],
)
def test_markdown_byline_variants(tmp_path, header, author):
    doc = one_doc(write(tmp_path, "b.md", f"# T\n{header}\n\n**22 July 2016**\n\nBody.\n"))
    assert (doc.author, doc.published, body(doc)) == (author, dt.date(2016, 7, 22), "Body.")


def test_markdown_bold_line_that_is_not_metadata_stays_in_body(tmp_path):
    doc = one_doc(write(tmp_path, "a.md", "# Title\n\n**Breaking: at least 30 killed in Goma**\n\nMore text.\n"))
    assert doc.author is None and doc.published is None
    assert body(doc) == "Breaking: at least 30 killed in Goma\n\nMore text."


def test_paragraph_join_needs_lowercase_and_no_terminal_punctuation(tmp_path):
    text = "# T\n\nThe toll rose to\n\n12 on Monday.\n\nIt ended with a quote:\n\nthe rest.\n\nA line without stop\n\nNew paragraph."
    doc = one_doc(write(tmp_path, "j.md", text))
    assert body(doc).split("\n\n") == [
        "The toll rose to", "12 on Monday.", "It ended with a quote:", "the rest.",
        "A line without stop", "New paragraph.",
    ]


def test_contact_footer_only_dropped_at_the_end(tmp_path):
    text = "# T\n\nTo contact the family, visit: https://example.org said a relative.\n\nThe strike killed 3.\n"
    doc = one_doc(write(tmp_path, "f.md", text))
    assert body(doc).startswith("To contact the family")


def test_heading_only_markdown_is_empty(tmp_path):
    assert one_error(write(tmp_path, "t.md", "# Only a title\n\n**Jane Doe**\n")).reason == "empty document"


# --- plain text ------------------------------------------------------------------------------

def test_plain_text_header_and_wrapped_lines(tmp_path):
    text = (
        "Three killed in Mogadishu blast\n\nBy Faisal Warsame\nPublished: 14 February 2022\n\n"
        "A car bomb exploded near a checkpoint in\nMogadishu on Monday, killing three people,\n"
        "police said.\nTwo others were hurt.\n\nSecond paragraph.\n"
    )
    doc = one_doc(write(tmp_path, "mogadishu.txt", text))
    assert doc.title == "Three killed in Mogadishu blast"
    assert doc.author == "Faisal Warsame"
    assert doc.published == dt.date(2022, 2, 14)
    assert doc.format == "text"
    assert body(doc) == (
        "A car bomb exploded near a checkpoint in Mogadishu on Monday, killing three people, "
        "police said.\nTwo others were hurt.\n\nSecond paragraph."
    )


def test_plain_text_without_header_keeps_first_line(tmp_path):
    text = "By Tuesday evening, the toll had risen to 40.\n\nAnother paragraph.\n"
    doc = one_doc(write(tmp_path, "n.txt", text))
    assert doc.title is None and doc.author is None
    assert body(doc).startswith("By Tuesday evening")


def test_plain_text_single_line_is_body_not_title(tmp_path):
    doc = one_doc(write(tmp_path, "s.txt", "Five killed in Homs\n"))
    assert doc.title is None and body(doc) == "Five killed in Homs"


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Market shelled in Bakhmut | Steppe Post</title>
<meta property="og:title" content="Market shelled in Bakhmut">
<meta property="og:site_name" content="Steppe Post">
<meta name="author" content="Ivan Kovalenko">
<meta property="article:published_time" content="2023-02-03T23:30:00-05:00">
<link rel="canonical" href="https://steppe-post.example/bakhmut-market">
<script>var x = "not text";</script><style>p {color: red}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Market shelled in Bakhmut</h1>
<p>Shelling hit the central market in Bakhmut on Thursday, killing at least six civilians and
wounding nine, the regional police said in a statement on Friday morning.</p>
<p>Residents said the market had reopened only a week earlier after months of fighting in and
around the town, and that many traders had returned to sell vegetables and bread.</p>
</article>
<footer><p>Copyright 2019 Steppe Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_article_and_metadata(tmp_path):
    doc = one_doc(write(tmp_path, "bakhmut.html", PAGE))
    assert doc.title == "Market shelled in Bakhmut"
    assert doc.author == "Ivan Kovalenko"
    assert doc.publisher == "Steppe Post"
    assert doc.published == dt.date(2023, 2, 3)  # the publisher's own day, not shifted to UTC
    assert doc.url == "https://steppe-post.example/bakhmut-market"
    assert doc.format == "html"
    assert body(doc).startswith("Shelling hit the central market in Bakhmut on Thursday")
    assert "\n\nResidents said" in body(doc)
    assert "wounding nine, the regional police" in body(doc)  # source line wrapping is gone
    for junk in ("Home", "Sport", "Copyright", "not text", "color", "Privacy"):
        assert junk not in body(doc)


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("harmwatch.ingest.html._trafilatura", lambda tree: None)
    page = "<html><body><nav>Menu</nav><div>Shells hit <b>Kherson</b>.<br>Two dead.</div><p>Second.</p></body></html>"
    doc = one_doc(write(tmp_path, "x.htm", page))
    assert body(doc) == "Shells hit Kherson.\nTwo dead.\n\nSecond."


@pytest.mark.parametrize("page", ["<html><body></body></html>", "<html><head><title>T</title></head></html>", "   "])
def test_html_without_text_is_an_error(tmp_path, page):
    assert one_error(write(tmp_path, "e.html", page)).reason in ("no article text found in HTML", "empty document")


def test_html_in_latin1_with_declared_charset(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 bomb\xe9 \xe0 Bamako.</p></body></html>'
    doc = one_doc(write(tmp_path, "l.html", page.encode("latin-1")))
    assert "Café bombé à Bamako." in body(doc)


# --- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire Desk</title><link>https://wire.example/</link>
<item><title>First</title><link>https://wire.example/1</link><author>desk@wire.example (Ana Ruiz)</author>
<pubDate>Tue, 12 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Four killed in &lt;b&gt;Goma&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://wire.example/2</link><description></description></item>
<item><title>Third</title><pubDate>Wed, 13 Mar 2024 08:00:00 +0000</pubDate>
<description>Plain summary, no markup.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:x:1</id><link href="https://atom.example/1"/>
<published>2024-01-01T22:00:00+03:00</published><updated>2024-01-02T00:00:00Z</updated>
<author><name>Kim Lee</name></author>
<content type="html">&lt;p&gt;Body of the entry.&lt;/p&gt;</content></entry></feed>"""


def test_rss_one_document_per_entry(tmp_path):
    path = write(tmp_path, "wire.rss", RSS)
    items = read_file(path)
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document"]
    first, empty, third = items
    assert body(first) == "Four killed in Goma.\n\nSecond paragraph."
    assert first.title == "First" and first.publisher == "Wire Desk" and first.format == "rss"
    assert first.url == "https://wire.example/1"
    assert first.published == dt.date(2024, 3, 12)
    assert first.source_path == f"{path}#1"
    assert empty.path == f"{path}#2" and empty.reason == "feed entry has no text"
    assert body(third) == "Plain summary, no markup." and third.source_path == f"{path}#3"
    assert third.published == dt.date(2024, 3, 13)


def test_atom_feed(tmp_path):
    doc = one_doc(write(tmp_path, "desk.atom", ATOM))
    assert (doc.title, doc.author, doc.publisher) == ("Atom entry", "Kim Lee", "Atom Desk")
    assert doc.published == dt.date(2024, 1, 1) and doc.url == "https://atom.example/1"
    assert body(doc) == "Body of the entry."


@pytest.mark.parametrize(
    "content, reason",
    [
        ("<rss><channel><title>x</ti", "feed could not be parsed: unclosed token"),
        ("<root>just some xml</root>", "not an RSS or Atom feed"),
        ('<rss version="2.0"><channel><title>Empty</title></channel></rss>', "feed has no entries"),
    ],
)
def test_broken_feeds(tmp_path, content, reason):
    assert one_error(write(tmp_path, "bad.xml", content)).reason.startswith(reason)


def test_feed_never_fetches_urls(tmp_path, monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    content = "https://example.org/feed.xml"  # a feed file whose content looks like a URL
    items = read_file(write(tmp_path, "url.rss", content))
    assert all(isinstance(i, IngestError) for i in items)


def test_xml_file_that_is_html_is_read_as_html(tmp_path):
    assert one_doc(write(tmp_path, "page.xml", PAGE)).format == "html"


# --- JSONL -----------------------------------------------------------------------------------

def test_jsonl_lines_and_errors(tmp_path):
    lines = [
        json.dumps({"id": "d01", "title": "T", "published": "2016-07-22", "url": "https://x.example",
                    "author": "A B", "source": "Agency", "text": "One.", "gold": {"x": 1}, "origin": "o"}),
        "",
        json.dumps({"text": "Two.", "published": "22 July 2016 10:00"}),
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        json.dumps({"id": 7, "text": "Seven.", "published": "not a date at all"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": 5}),
        json.dumps({"text": "Crlf\r\nline", "published": None}),
    ]
    path = write(tmp_path, "set.jsonl", "\n".join(lines) + "\n")
    items = read_file(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = {i.path: i.reason for i in items if isinstance(i, IngestError)}
    assert [d.id for d in docs] == ["d01", content_id("Two."), "7", content_id("Crlf\nline")]
    d01 = docs[0]
    assert (d01.title, d01.author, d01.publisher, d01.url) == ("T", "A B", "Agency", "https://x.example")
    assert d01.published == dt.date(2016, 7, 22) and d01.source_path == f"{path}#1"
    assert docs[1].published == dt.date(2016, 7, 22) and docs[1].source_path == f"{path}#3"
    assert docs[2].published is None
    assert body(docs[3]) == "Crlf\nline"
    assert errors[f"{path}#4"].startswith("JSONL line 4: invalid JSON: ")
    assert errors[f"{path}#5"] == "JSONL line 5: no 'text' field"
    assert errors[f"{path}#7"] == "JSONL line 7: expected a JSON object, got list"
    assert errors[f"{path}#8"] == "JSONL line 8: empty 'text'"
    assert errors[f"{path}#9"] == "JSONL line 9: 'text' is a int, not a string"
    assert len(items) == 9


def test_jsonl_text_is_kept_verbatim(tmp_path):
    text = "  Leading spaces stay, so offsets match the source.\n"
    doc = read_file(write(tmp_path, "v.ndjson", json.dumps({"id": "v", "text": text})))[0]
    assert body(doc) == text


def test_jsonl_lone_surrogate_is_an_error_for_that_line(tmp_path):
    path = write(tmp_path, "s.jsonl", '{"text": "bad \\ud800 text"}\n{"text": "good"}\n')
    items = read_file(path)
    assert isinstance(items[0], IngestError) and "surrogate" in items[0].reason
    assert isinstance(items[1], Document)


def test_jsonl_text_over_limit_is_an_error(tmp_path):
    big = json.dumps({"text": "a" * (MAX_TEXT_CHARS + 1)})
    items = read_file(write(tmp_path, "big.jsonl", big + "\n" + json.dumps({"text": "ok"}) + "\n"))
    assert isinstance(items[0], IngestError) and "limit" in items[0].reason
    assert isinstance(items[1], Document)


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw",
    [
        "Caf\u00e9 in Aleppo\u2019s old city.\n".encode("utf-8"),
        b"\xef\xbb\xbf" + "Caf\u00e9 in Aleppo\u2019s old city.\n".encode("utf-8"),
        "Caf\u00e9 in Aleppo\u2019s old city.\n".encode("utf-16"),
        "Caf\u00e9 in Aleppo\u2019s old city.\r\n".encode("cp1252"),
        "Cafe\u0301 in Aleppo\u2019s old city.\r".encode("utf-8"),  # decomposed é, old Mac newline
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252-crlf", "nfd-cr"],
)
def test_encodings_decode_to_the_same_text(tmp_path, raw):
    doc = one_doc(write(tmp_path, "e.txt", raw))
    assert body(doc) == "Caf\u00e9 in Aleppo\u2019s old city."
    assert doc.id == content_id("Caf\u00e9 in Aleppo\u2019s old city.")


def test_binary_and_undecodable_files(tmp_path):
    assert one_error(write(tmp_path, "b.txt", b"PK\x03\x04\x00\x00binary")).reason == "binary file (NUL bytes)"
    noise = bytes(range(128, 256)) * 4
    assert one_error(write(tmp_path, "n.md", noise)).reason == "not valid UTF-8 or any known encoding"
    assert one_error(write(tmp_path, "empty.txt", b"")).reason == "empty document"
    assert one_error(write(tmp_path, "blank.txt", b"  \n\n \t\n")).reason == "empty document"


# --- files, folders, limits ------------------------------------------------------------------

def test_unknown_extension_is_sniffed(tmp_path):
    assert one_doc(write(tmp_path, "page", PAGE)).format == "html"
    assert [i.format for i in read_file(write(tmp_path, "feed.dat", RSS)) if isinstance(i, Document)] == ["rss", "rss"]
    assert one_doc(write(tmp_path, "notes.log", "Just some words.\n")).format == "text"
    assert one_error(write(tmp_path, "img.png", b"\x89PNG\r\n\x1a\n\x00\x00")).reason == "binary file (NUL bytes)"


def test_file_over_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written
    assert one_error(path).reason == "file larger than 20 MB limit"


def test_text_over_limit(tmp_path):
    path = write(tmp_path, "long.txt", "word " * (MAX_TEXT_CHARS // 5 + 10))
    assert "limit" in one_error(path).reason


def test_missing_unreadable_and_special_files(tmp_path, monkeypatch):
    assert one_error(tmp_path / "nope.txt").reason == "no such file or directory"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert one_error(fifo).reason == "not a regular file"  # and it did not block
    locked = write(tmp_path, "locked.txt", "text")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert one_error(locked).reason == "permission denied"


def test_directory_walk_reports_errors_and_continues(tmp_path):
    write(tmp_path, "b/good.md", "# Good\n\nShelling killed two people in Izium.\n")
    write(tmp_path, "a/binary.bin", b"\x00\x01\x02\x03")
    write(tmp_path, "a/set.jsonl", '{"id": "x1", "text": "Fine line."}\n{oops}\n{"text": "Also fine."}\n')
    write(tmp_path, "c.txt", "Top-level file.\n")
    write(tmp_path, ".hidden.txt", "skip me")
    write(tmp_path, ".git/config.txt", "skip me too")
    write(tmp_path, "README.md", "# About this folder\n\nNot a report.\n")
    items = list(iter_documents([tmp_path]))
    summary = [(Path(i.source_path if isinstance(i, Document) else i.path).name, type(i).__name__) for i in items]
    assert summary == [
        ("binary.bin", "IngestError"),
        ("set.jsonl#1", "Document"),
        ("set.jsonl#2", "IngestError"),
        ("set.jsonl#3", "Document"),
        ("good.md", "Document"),
        ("c.txt", "Document"),
    ]
    assert items[2].reason.startswith("JSONL line 2: invalid JSON")


def test_iter_documents_mixes_files_dirs_and_missing_paths(tmp_path):
    f = write(tmp_path, "one.txt", "A single report.\n")
    items = list(iter_documents([str(f), tmp_path / "missing", tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document"]
    assert items[0].id == items[2].id
    assert [type(i).__name__ for i in iter_documents(str(f))] == ["Document"]  # one path, not a list


def test_same_content_same_id(tmp_path):
    a = one_doc(write(tmp_path, "a.txt", "Same words, same id.\n"))
    b = one_doc(write(tmp_path, "b.txt", "Same words, same id.\n"))
    again = one_doc(tmp_path / "a.txt")
    assert a.id == b.id == again.id == content_id("Same words, same id.")
    assert a == again


def test_repo_samples_read_cleanly():
    items = list(iter_documents([SAMPLES]))
    errors = [i for i in items if isinstance(i, IngestError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert not errors, errors
    assert {d.format for d in docs} == {"text", "markdown", "html", "rss", "jsonl"}
    assert len(docs) == 11 and len({d.id for d in docs}) == 11
    assert all(d.title and d.published for d in docs)
    assert not any("README" in (d.source_path or "") for d in docs)


# --- helpers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, expected",
    [
        ("2016-07-22", dt.date(2016, 7, 22)),
        ("2016-07-22T23:30:00Z", dt.date(2016, 7, 22)),
        ("Fri, 22 Jul 2016 23:30:00 -0500", dt.date(2016, 7, 22)),
        ("22 July 2016", dt.date(2016, 7, 22)),
        ("July 22, 2016", dt.date(2016, 7, 22)),
        ("Tuesday", None),
        ("July 2016", None),
        ("soon", None),
        ("", None),
        (None, None),
        (20160722, None),
        ("x" * 500, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Thomas Gaist", True), ("Jean-Yves Le Drian", True), ("Amira al-Hassan", True),
        ("Jane Doe and John Roe", True), ("Madonna", False), ("22 July 2016", False),
        ("BREAKING NEWS", False), ("Middle East", False), ("the regional governor", False),
        ("Five Killed In Homs Strike Today", False),
    ],
)
def test_looks_like_name(name, expected):
    assert looks_like_name(name) is expected


# --- never raises ----------------------------------------------------------------------------

_PREFIXES = [b"", b"<html><body>", b"<!DOCTYPE html>", b"<?xml version='1.0'?><rss><channel><item>",
             b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", b'{"text": "', b"# Title\n\n**",
             b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))),
    suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".jsonl", ""]),
)
def test_read_file_never_raises(prefix, body, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "input" + suffix)
        path.write_bytes(prefix + body)
        items = read_file(path)
    assert isinstance(items, list) and items
    for item in items:
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, Document):
            assert item.text.strip() and item.id
            item.text.encode("utf-8")  # storable
        else:
            assert item.reason and not item.reason.startswith("unexpected error"), item.reason


def test_read_bytes_matches_read_file(tmp_path):
    path = write(tmp_path, "r.md", MARKDOWN)
    assert read_bytes(path.read_bytes(), path) == read_file(path)
    assert ingest.MAX_BYTES == 20 * 1024 * 1024
