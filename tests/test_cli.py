"""The command line as users run it: exit codes and one-line messages, no tracebacks."""

import subprocess
import sys

import pytest
from conftest import SEED


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_cli_path_prints_confidant_edge_with_sentence(seed_graph_file):
    out = run("path", str(seed_graph_file), "Tlass", "Assad")
    assert out.returncode == 0, out.stderr
    assert "Manaf Tlass --confidantOf [confirmed]--> Bashar Assad" in out.stdout
    assert "an Assad confidant" in out.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("path", "{g}", "Nobody Atall", "Assad"), 1, "no entity named"),
    (("query", "{g}", "INSERT DATA { <a:a> <a:b> <a:c> }"), 65, "read-only"),
    (("query", "{g}", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), 65, "SERVICE is refused"),
    (("query", "{g}", "SELECT * FROM <file:///etc/hosts> WHERE { ?s ?p ?o }"), 65, "FROM"),
    (("query", "{g}", "SELECT * WHERE { ?s ?p "), 65, "syntax error at line 1"),
    (("centrality", "missing.trig"), 66, "no such graph file"),
    (("extract", "missing.txt", "-o", "x.trig"), 66, "no such article file"),
    (("centrality", "{g}", "--measure", "fame"), 1, "unknown measure"),
    (("path", "{g}"), 2, "Missing argument"),
])
def test_cli_errors_are_one_line_with_exit_code(seed_graph_file, tmp_path, args, code, message):
    out = run(*[str(seed_graph_file) if a == "{g}" else a for a in args], cwd=tmp_path)
    assert out.returncode == code, (out.stdout, out.stderr)
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_binary_article_refused_and_output_kept(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    previous = tmp_path / "out.trig"
    previous.write_text("# earlier output\n")
    out = run("extract", str(bad), "-o", str(previous))
    assert out.returncode == 65 and "not a text article" in out.stderr
    assert previous.read_text() == "# earlier output\n"


def test_cli_extract_validate_centrality(tmp_path):
    out = tmp_path / "seed.ttl"
    assert run("extract", str(SEED), "--published", "2012-07-11", "-o", str(out)).returncode == 0
    check = run("validate", str(out))
    assert check.returncode == 0 and "conforms" in check.stdout
    ranked = run("centrality", str(out), "--measure", "degree", "--top", "3")
    assert ranked.returncode == 0 and "Assad regime" in ranked.stdout


def test_cli_query_bound_value_is_a_literal(seed_graph_file):
    hostile = 'x" || true) } #'
    q = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?e ?name WHERE { ?e skos:prefLabel ?name }"
    out = run("query", str(seed_graph_file), q, "--bind", f"name={hostile}", "--format", "csv")
    assert out.returncode == 0 and out.stdout.strip() == "e,name"


def test_cli_row_cap_says_truncated(seed_graph_file):
    import json

    out = run("query", str(seed_graph_file), "SELECT * WHERE { ?s ?p ?o }", "--limit", "3", "--format", "json")
    assert out.returncode == 0 and len(json.loads(out.stdout)["rows"]) == 3
    assert "truncated" in out.stderr
