"""RELIABILITY.md checklist: output files (29, 31), the HTML page (34-40, CLI-level gaps only: the rest is in
tests/test_visualize.py and tests/test_browser.py), imports (41, 42), and the README's exit-code table.

Store items 28, 30, 32, 33 are in tests/test_store.py.
"""

from __future__ import annotations

import doctest
import errno
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from reliability_helpers import ROOT, Loopback, assert_clean_error, run_cli

import graphbuild.errors as errors_module
from graphbuild.errors import EXIT_CODES, GraphbuildError, GraphFileError, StoreError, UsageError, exit_code_table
from graphbuild.outputs.files import read_graph, write_atomic, write_graph, write_graphs


@pytest.fixture
def loopback():
    server = Loopback()
    yield server
    server.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- 29. a failed export leaves the previous file intact ---------------------------------------------------------

def test_item29_unserializable_graph_keeps_previous_file(tmp_path, seed_dataset):
    from rdflib import Dataset, Literal, URIRef

    good = write_graph(seed_dataset, tmp_path / "g.nq")
    before = good.read_bytes()
    bad = Dataset()
    bad.add((URIRef("http://e/bad name"), URIRef("http://e/p"), Literal("x")))
    for name in ("g.nq", "g.ttl", "g.trig"):
        target = tmp_path / name
        if not target.exists():
            target.write_bytes(before)
        with pytest.raises(StoreError, match=rf"cannot write {re.escape(str(target))}: the graph does not serialize"):
            write_graph(bad, target)
        assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_item29_disk_full_midway_keeps_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "out.trig"
    target.write_text("# previous\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreError, match=rf"cannot write {re.escape(str(target))}: No space left on device"):
        write_atomic(target, b"x" * 100_000)
    assert target.read_text() == "# previous\n" and leftovers(tmp_path) == []


def test_item29_interrupt_during_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_text("old")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_item29_several_outputs_change_together_or_not_at_all(tmp_path, seed_dataset):
    a, b = tmp_path / "a.trig", tmp_path / "b.ttl"
    a.write_text("# a\n")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot write"):
        write_graphs(seed_dataset, [a, blocker / "c.nq", b])
    assert a.read_text() == "# a\n" and not b.exists() and leftovers(tmp_path) == []
    assert write_graphs(seed_dataset, [a, b]) == [a, b]
    assert "Manaf Tlass" in a.read_text(encoding="utf-8") and "Manaf Tlass" in b.read_text(encoding="utf-8")


def test_item29_html_render_failure_keeps_previous_page(tmp_path, monkeypatch):
    import networkx as nx

    import graphbuild.outputs.visualize as visualize

    page = tmp_path / "g.html"
    page.write_text("<p>previous</p>")
    monkeypatch.setattr(visualize, "strip_remote", lambda html: (_ for _ in ()).throw(GraphbuildError("remote")))
    with pytest.raises(GraphbuildError):
        visualize.write_html(nx.MultiDiGraph(), page)
    assert page.read_text() == "<p>previous</p>" and leftovers(tmp_path) == []


# -- 31. unwritable paths: exit 73 with the path, previous outputs intact -----------------------------------------

def test_item31_unwritable_graph_output_is_exit_73_naming_the_path(tmp_path):
    blocker = tmp_path / "notadir"
    blocker.write_text("a file where a folder should be")
    folder_named_like_a_file = tmp_path / "out.trig"
    folder_named_like_a_file.mkdir()
    article = tmp_path / "a.txt"
    article.write_text("Manaf Tlass, a general, has defected from the Assad regime.")
    for target in (blocker / "g.trig", folder_named_like_a_file, Path("/proc/graphbuild-test/g.trig")):
        out = run_cli("extract", article, "--published", "2012-07-11", "-o", target)
        assert_clean_error(out, 73, f"cannot write {target}")
    assert blocker.read_text() == "a file where a folder should be" and list(folder_named_like_a_file.iterdir()) == []


def test_item31_unwritable_html_output_keeps_previous_page(tmp_path, seed_graph_file):
    page = tmp_path / "g.html"
    page.write_text("<p>previous</p>")
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    out = run_cli("html", seed_graph_file, "-o", blocker / "g.html")
    assert_clean_error(out, 73, f"cannot write {blocker / 'g.html'}")
    target_dir = tmp_path / "page.html"
    target_dir.mkdir()
    out = run_cli("html", seed_graph_file, "-o", target_dir)
    assert_clean_error(out, 73, f"cannot write {target_dir}")
    assert page.read_text() == "<p>previous</p>" and leftovers(tmp_path) == []


def test_unknown_output_format_is_a_usage_error(tmp_path):
    out = run_cli("extract", ROOT / "data" / "syria-iraq-ambassador-defects.txt", "-o", tmp_path / "g.xml")
    assert_clean_error(out, 2, "unknown graph format", ".trig")
    assert list(tmp_path.iterdir()) == []


# -- 34-40. HTML gaps at the command line -----------------------------------------------------------------------

def test_item36_item38_hostile_title_escaped_and_nothing_written_to_cwd(tmp_path, seed_graph_file):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    page = tmp_path / "deep" / "g.html"
    hostile = '</title><script>alert("t")</script><img src=x onerror=alert(1)>'
    out = run_cli("html", seed_graph_file, "-o", page, "--title", hostile, cwd=cwd)
    assert out.returncode == 0, out.stderr
    html = page.read_text(encoding="utf-8")
    assert hostile not in html and "<script>alert(" not in html and "<img src=x" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(" in html
    assert list(cwd.iterdir()) == [] and [p.name for p in page.parent.iterdir()] == ["g.html"]


def test_item40_empty_graph_page_exit_0(tmp_path):
    empty = tmp_path / "empty.nq"
    empty.write_text("")
    page = tmp_path / "empty.html"
    out = run_cli("html", empty, "-o", page)
    assert out.returncode == 0, out.stderr
    assert "No entities to show: the graph is empty." in page.read_text(encoding="utf-8")


# -- 41. JSON-LD contexts that name a document -------------------------------------------------------------------

JSONLD_CONTEXTS = [
    {"@context": "{url}/ctx.jsonld", "@id": "http://e/a", "http://e/p": "x"},
    {"@context": ["{url}/list.jsonld", {"p": "http://e/p"}], "@id": "http://e/a", "p": "x"},
    {"@context": {"@import": "{url}/import.jsonld"}, "@id": "http://e/a"},
    {"@context": {"p": {"@id": "http://e/p", "@context": "{url}/scoped.jsonld"}}, "@id": "http://e/a", "p": {}},
    {"@graph": [{"@context": "{url}/nested.jsonld", "@id": "http://e/a"}]},
    {"@context": "file:///etc/passwd", "@id": "http://e/a"},
    {"@context": "//127.0.0.1:9/protocol-relative", "@id": "http://e/a"},
]


@pytest.mark.parametrize("doc", JSONLD_CONTEXTS)
def test_item41_jsonld_document_context_refused_without_request(tmp_path, loopback, doc):
    path = tmp_path / "in.jsonld"
    path.write_text(json.dumps(doc).replace("{url}", loopback.url))
    start = time.monotonic()
    with pytest.raises(GraphFileError, match="a JSON-LD @context that names a document is refused"):
        read_graph(path)
    assert time.monotonic() - start < 1 and loopback.hits == []


def test_item41_escaped_key_and_spacing_do_not_hide_the_context(tmp_path, loopback):
    path = tmp_path / "in.json"
    path.write_text('{"\\u0040context" :\n "' + loopback.url + '/escaped", "@id": "http://e/a"}')
    with pytest.raises(GraphFileError, match="refused"):
        read_graph(path)
    assert loopback.hits == []


def in_fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter: other tests (tests/eval/score.py) install process-wide audit hooks
    that would block the positive controls below."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


def test_item41_fixture_sees_rdflib_fetch_the_context(loopback):
    """Positive control: plain rdflib does fetch such a context, so the empty hit lists above mean something."""
    out = in_fresh_python(f"""
        import json
        from rdflib import Dataset
        try:
            Dataset().parse(data=json.dumps({{"@context": "{loopback.url}/ctx", "@id": "http://e/a"}}), format="json-ld")
        except Exception:
            pass  # the fixture's reply is no JSON-LD context
    """)
    assert out.returncode == 0, out.stderr
    assert loopback.hits == ["/ctx"]


def test_item41_offline_guard_blocks_urls_in_the_parsing_thread(loopback):
    out = in_fresh_python(f"""
        import urllib.request
        from graphbuild.outputs.files import offline
        try:
            with offline():
                urllib.request.urlopen("{loopback.url}/guarded", timeout=5)
        except PermissionError as e:
            print("blocked:", e)
        with urllib.request.urlopen("{loopback.url}/after", timeout=5) as reply:  # the guard ends with the block
            print("after:", reply.status)
    """)
    assert out.returncode == 0, out.stderr
    assert "blocked: graphbuild reads graph files offline: urllib.Request" in out.stdout and "after: 200" in out.stdout
    assert loopback.hits == ["/after"]


def test_item41_cli_refuses_remote_context_and_reads_own_jsonld(tmp_path, loopback, seed_dataset):
    bad = tmp_path / "bad.jsonld"
    bad.write_text(json.dumps({"@context": f"{loopback.url}/c", "@id": "http://e/a"}))
    assert_clean_error(run_cli("centrality", bad), 65, str(bad), "@context")
    own = write_graph(seed_dataset, tmp_path / "own.jsonld")  # inline contexts are fine
    assert len(read_graph(own)) == len(seed_dataset)
    assert loopback.hits == []


# -- 42. XML with document type declarations ---------------------------------------------------------------------

def billion_laughs(levels: int = 9) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
            f'<rdf:Description rdf:about="http://e/a"><ex:p>&lol{levels};</ex:p></rdf:Description></rdf:RDF>')


XXE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://e/a">'
       '<rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>')


@pytest.mark.parametrize("name", ["x.ttl", "x.trig", "x.nq", "x.nt", "x.jsonld"])
@pytest.mark.parametrize("payload", [billion_laughs(), XXE, "\ufeff  <TriX xmlns='http://www.w3.org/2004/03/trix/trix-1/'>"
                                     "<graph/></TriX>"], ids=["billion-laughs", "xxe", "trix"])
def test_item42_xml_refused_fast_whatever_the_extension(tmp_path, name, payload):
    path = tmp_path / name
    path.write_text(payload, encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(GraphFileError, match="XML documents and document type declarations are refused"):
        read_graph(path)
    assert time.monotonic() - start < 1


@pytest.mark.parametrize("name", ["x.rdf", "x.xml", "x.trix", "x.owl"])
def test_item42_xml_formats_are_not_read_at_all(tmp_path, name):
    path = tmp_path / name
    path.write_text(billion_laughs())
    start = time.monotonic()
    with pytest.raises(UsageError, match="unknown graph format"):
        read_graph(path)
    assert time.monotonic() - start < 1
    out = run_cli("centrality", path)
    assert_clean_error(out, 2, "unknown graph format")


def test_item42_doctype_text_inside_a_literal_is_not_refused(tmp_path):
    path = tmp_path / "ok.ttl"
    path.write_text('<http://e/a> <http://e/says> "<!DOCTYPE html><!ENTITY x \'y\'>" .\n'
                    '<urn:isbn:1> <http://e/p> <http://e/b> .\n')
    assert len(read_graph(path)) == 2


def test_graph_file_errors_are_exit_65_not_tracebacks(tmp_path):
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://e/a> <http://e/p> ")
    for command in (("centrality", broken), ("query", broken, "ASK { ?s ?p ?o }")):
        assert_clean_error(run_cli(*command), 65, "does not parse as trig")
    deep = tmp_path / "deep.jsonld"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(GraphFileError, match="does not parse as json-ld"):
        read_graph(deep)


# -- exit codes: one table, in the README and in the code --------------------------------------------------------

def test_readme_exit_code_table_is_exit_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == exit_code_table()


def test_every_error_class_has_a_documented_exit_code():
    classes = [c for _, c in inspect.getmembers(errors_module, inspect.isclass) if issubclass(c, GraphbuildError)]
    assert len(classes) >= 10
    for cls in classes:
        assert cls.exit_code in EXIT_CODES, cls
    assert {0, 2, 130} <= set(EXIT_CODES)  # success, usage (typer/click) and Ctrl-C come from the CLI itself


@pytest.mark.parametrize("module", ["graphbuild.errors", "graphbuild.ingest.text", "graphbuild.ingest.readers",
                                    "graphbuild.outputs.files", "graphbuild.outputs.sparql"])
def test_doctests_of_the_hardened_modules(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
