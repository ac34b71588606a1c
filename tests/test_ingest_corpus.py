"""Corpus ingest: one entity per person across outlets (and two for namesakes), one event with every
outlet's claims, contradictions, merges that can be undone, failures reported one per line, and a
process killed mid-ingest leaving each article wholly in or out."""

import csv
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
# the whole FA-KES corpus when this checkout sits beside it, else the 45 FA-KES rows bundled in data/ (a clean
# clone in CI): the kill tests run either way
_SHARED_FAKES = ROOT.parent / "shared" / "corpora" / "fa-kes" / "FA-KES-Dataset.csv"
FAKES = _SHARED_FAKES if _SHARED_FAKES.is_file() else ROOT / "data" / "fakes-sample.csv"

GB = "https://w3id.org/graphbuild/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def run(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True, timeout=timeout)


def rows(store, query):
    from graphbuild.outputs.sparql import run_query

    prefixes = f"PREFIX gb: <{GB}> PREFIX skos: <{SKOS}> PREFIX schema: <http://schema.org/> "
    return run_query(store, prefixes + query).rows


def _persons(store):
    return {r[1]: r[0] for r in rows(store, "SELECT ?p ?l WHERE { ?p a schema:Person ; skos:prefLabel ?l }")}


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    from graphbuild.store.ingest import ingest

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = ingest([CORPUS], path, nlp=nlp, progress=False)
    assert (report.added, report.failed) == (5, 0)
    return path


def test_corpus_one_entity_per_person_two_for_namesakes(store):
    persons = _persons(store)
    hijabs = sorted(label for label in persons if "Hijab" in label and "Group" not in label)
    assert hijabs in (["Omar Hijab", "Riad Hijab"], ["Omar Hijab", "Riyad Hijab"]), persons
    names = {r[0] for r in rows(store, "SELECT ?n WHERE { ?p skos:prefLabel ?l ; skos:altLabel ?n . "
                                       "FILTER(?l IN ('Riad Hijab', 'Riyad Hijab')) }")}
    assert {"Hijab", "Prime Minister Hijab"} <= names and ({"Riad Hijab", "Riyad Hijab"} & names)
    omar = {r[0] for r in rows(store, "SELECT ?n WHERE { ?p skos:prefLabel 'Omar Hijab' ; skos:altLabel ?n }")}
    assert not any("Prime Minister" in n or "Riad" in n or "Riyad" in n for n in omar)
    assert len([label for label in persons if "Assad" in label]) == 1, persons


def test_corpus_one_defection_with_every_outlets_claims(store):
    found = rows(store, """SELECT ?e ?cert (COUNT(DISTINCT ?art) AS ?n) WHERE {
        ?e a gb:Defection ; gb:defector/skos:prefLabel ?who ; gb:overallCertainty ?cert .
        FILTER(CONTAINS(?who, 'Hijab'))
        ?c gb:about ?e ; schema:appearance ?art } GROUP BY ?e ?cert""")
    assert len(found) == 1, found
    assert found[0][1] == GB + "Confirmed" and found[0][2] == "4"
    times = rows(store, """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        SELECT DISTINCT ?t ?a ?b WHERE { ?e a gb:Defection ; gb:defector/skos:prefLabel ?who ; sem:hasTime ?t .
        FILTER(CONTAINS(?who, 'Hijab')) ?t sem:hasEarliestBeginTimeStamp ?a ; sem:hasLatestEndTimeStamp ?b }""")
    assert [(r[1], r[2]) for r in times] == [("2012-08-06", "2012-08-06")]


def test_corpus_contradictions_listed_by_cq11(store):
    from graphbuild.outputs.sparql import run_query

    result = run_query(store, (ROOT / "ontology" / "queries" / "cq11-contradictions.rq").read_text())
    kinds = {(r[0], r[1]) for r in result.rows}
    assert ("certainty", "Defection of Riad Hijab") in kinds or ("certainty", "Defection of Riyad Hijab") in kinds
    assert any(k == "events" and f.startswith("Dismissal of") for k, f in kinds)
    denied = [r for r in result.rows if r[0] == "certainty" and r[2] == "denied"]
    assert denied and "denied that Riad Hijab had defected" in denied[0][5]


def test_corpus_merges_recorded_with_evidence(store):
    recs = rows(store, """PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?label ?into ?ev ?art WHERE { ?m a gb:MergeRecord ; gb:mergedLabel ?label ; gb:mergedInto ?into ;
        gb:mergeEvidence ?ev ; prov:wasDerivedFrom ?art }""")
    by_label = {r[0]: r for r in recs}
    assert "Hijab" in by_label and by_label["Hijab"][3].endswith("/hijab-03-bbc")
    assert "role" in by_label["Hijab"][2] or "only compatible" in by_label["Hijab"][2]


def test_corpus_ambiguous_surname_is_not_merged():
    """Pure linking: "Hijab" with no context while the index knows two Hijabs stays apart; with a
    context that fits only one, it joins that one."""
    from graphbuild.model import Article, ArticleFacts, Entity, EntityType
    from graphbuild.resolve.aliases import MemoryIndex, link_entities

    index = MemoryIndex()
    index.add(ArticleFacts(Article("a", ""), (), (Entity("person:riad hijab", EntityType.PERSON, "Riad Hijab",
                                                         ("Prime Minister Riad Hijab",)),)))
    index.add(ArticleFacts(Article("b", ""), (), (Entity("person:umar hijab", EntityType.PERSON, "Omar Hijab",
                                                         ("businessman Omar Hijab",)),)))
    bare = ArticleFacts(Article("c", ""), (), (Entity("person:hijab", EntityType.PERSON, "Hijab", ()),))
    linked, merges = link_entities(bare, index)
    assert merges == [] and linked.entities[0].key == "person:hijab"
    titled = ArticleFacts(Article("d", ""), (), (Entity("person:hijab", EntityType.PERSON, "Hijab",
                                                        ("Prime Minister Hijab",)),))
    linked, merges = link_entities(titled, index)
    assert [m.to_key for m in merges] == ["person:riad hijab"] and linked.entities[0].label == "Riad Hijab"
    other = ArticleFacts(Article("e", ""), (), (Entity("person:mahar hijab", EntityType.PERSON, "Maher Hijab", ()),))
    assert link_entities(other, index)[1] == []  # another first name: another person


def test_corpus_short_form_before_full_name_is_relinked(tmp_path, nlp):
    """The surname-only article arrives first; once the full name is known, the end-of-run pass
    re-extracts it (from the stored text) and links it."""
    from graphbuild.store.ingest import ingest

    lines = (CORPUS / "hijab-defection.jsonl").read_text().splitlines()
    first = tmp_path / "a.jsonl"
    first.write_text(lines[2] + "\n")
    rest = tmp_path / "b.jsonl"
    rest.write_text("\n".join(lines[:2] + lines[3:]) + "\n")
    store = tmp_path / "s"
    ingest([first], store, nlp=nlp, progress=False)
    assert "Hijab" in _persons(store)
    report = ingest([rest], store, nlp=nlp, progress=False)
    assert report.relinked == 1
    persons = _persons(store)
    assert "Hijab" not in persons and len([p for p in persons if "Hijab" in p and "Omar" not in p
                                           and "Group" not in p]) == 1


def test_corpus_unmerge_reingests_without_the_merge(tmp_path, nlp):
    from graphbuild.store.ingest import ingest, unmerge

    store = tmp_path / "s"
    ingest([CORPUS], store, nlp=nlp, progress=False)
    undone = unmerge(store, "Hijab", nlp=nlp)
    assert [r["article"] for r in undone] == ["hijab-03-bbc"]
    assert "Hijab" in _persons(store)
    assert not rows(store, "SELECT ?m WHERE { ?m a gb:MergeRecord ; gb:mergedLabel 'Hijab' }")
    again = ingest([CORPUS], store, nlp=nlp, progress=False, force=True)  # the rejection is remembered
    assert again.replaced == 5 and "Hijab" in _persons(store)
    out = run("unmerge", str(store), "Nobody")
    assert out.returncode == 1 and "no merge record" in out.stderr
    listed = run("unmerge", str(store))
    assert listed.returncode == 0 and "Assad" in listed.stdout


def test_corpus_failures_one_line_each_and_exit_1(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Syrian Brig. Gen. Manaf Tlass has defected from the Assad regime, "
                                "France said on July 6, 2012.\n")
    (d / "empty.txt").write_text("   \n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d / "bad.jsonl").write_text('{"id": "x", "text": "ok text here."}\nnot json\n')
    out = run("ingest", str(d), "--store", str(tmp_path / "s"))
    assert out.returncode == 1, out.stderr
    skipped = [line for line in out.stderr.splitlines() if line.startswith("graphbuild: skipped")]
    assert len(skipped) == 3 and "Traceback" not in out.stderr
    assert "2 added, 0 replaced, 0 unchanged, 3 failed" in out.stderr
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_text("")
    out = run("ingest", str(only_bad), "--store", str(tmp_path / "s2"))
    assert out.returncode == 65 and "no article could be ingested" in out.stderr


# -- SIGKILL mid-ingest ---------------------------------------------------------------------------------
def _fakes_sample(path, n):
    csv.field_size_limit(2**31 - 1)
    with FAKES.open(encoding="utf-8-sig", newline="") as f, path.open("w", encoding="utf-8", newline="") as out:
        reader = csv.DictReader(f)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for i, row in enumerate(reader):
            if i >= n:
                break
            writer.writerow(row)


def _article_graphs(store_path):
    import pyoxigraph as ox

    from graphbuild.resolve.identity import GRAPH_BASE
    from graphbuild.store.disk import open_read

    out = {}
    with open_read(store_path) as h:
        for g in h.ox.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value.startswith(GRAPH_BASE):
                out[g.value] = {str(q) for q in h.ox.quads_for_pattern(None, None, None, g)}
        from graphbuild.store import registry
        from graphbuild.store.derived import expected_derived
        from graphbuild.store.disk import DERIVED_GRAPH

        ids = set(registry.article_ids(h.ox))
        derived = set(h.ox.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED_GRAPH)))
        consistent = derived == expected_derived(h.ox)
    return out, ids, consistent


_CLEAN_BUILD = """
import sys, pyoxigraph as ox
from graphbuild.ingest import read_articles
from graphbuild.pipeline import extract_facts
from graphbuild.store.articles import article_quads
wanted = set(sys.argv[2:])
store = ox.Store()  # through a store: Oxigraph keeps integer-derived literals as xsd:integer
for facts in extract_facts(a for a in read_articles([sys.argv[1]]) if a.doc_id in wanted):
    store.extend(article_quads(facts))
sys.stdout.write(str(store))
"""


_HASH_ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def _cli(*args):
    out = subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True, timeout=600,
                         env=_HASH_ENV)
    assert out.returncode == 0, out.stderr
    return out


@pytest.fixture(scope="module")
def fakes60(tmp_path_factory):
    """60 FA-KES articles and their reference store: the article graphs as a complete run without
    the end-of-run re-linking pass leaves them (``graphs``), and after that pass (``final``).

    Every process of these tests runs with the same PYTHONHASHSEED, so that a difference can only
    come from the store (what is compared here), never from Python's string hashing."""
    if not FAKES.is_file():
        pytest.skip("FA-KES corpus not available")
    d = tmp_path_factory.mktemp("fakes60")
    sample = d / "fakes60.csv"
    _fakes_sample(sample, 60)
    reference = d / "reference"
    _cli("ingest", str(sample), "--store", str(reference), "--no-relink")
    graphs, _, _ = _article_graphs(reference)  # before the end-of-run re-linking pass
    with sample.open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    assert len(graphs) >= rows - 5 >= 40  # a few rows repeat an earlier article id
    _cli("ingest", str(sample), "--store", str(reference))  # all unchanged: only the re-linking pass runs
    final, _, _ = _article_graphs(reference)
    return sample, graphs, final


def _check_wholly_in_or_out(killed, ref_graphs, sample):
    """Every article graph in the killed store is complete (equal to the reference run's), the registry
    names exactly those articles, and the derived graph is what a full recomputation gives."""
    graphs, ids, consistent = _article_graphs(killed)
    assert ids == {g.rsplit("/", 1)[-1] for g in graphs}, "registry and article graphs disagree"
    assert consistent, "derived graph out of step with the article graphs"
    for g, quads in graphs.items():
        assert quads == ref_graphs[g], f"partial or different article graph {g}"
    # and equal to a clean single-article build where no cross-article merge applies
    merged = {r[0].rsplit("/", 1)[-1] for r in rows(killed, "PREFIX prov: <http://www.w3.org/ns/prov#> "
                                                     "SELECT ?a WHERE { ?m a gb:MergeRecord ; prov:wasDerivedFrom ?a }")}
    singles = sorted(g.rsplit("/", 1)[-1] for g in graphs if g.rsplit("/", 1)[-1] not in merged)
    assert singles
    out = subprocess.run([sys.executable, "-c", _CLEAN_BUILD, str(sample), *singles], capture_output=True, text=True,
                         timeout=600, env=_HASH_ENV)
    assert out.returncode == 0, out.stderr
    clean: dict[str, set[str]] = {}
    for line in out.stdout.splitlines():
        graph = line.rsplit("<", 1)[-1].split(">", 1)[0]
        clean.setdefault(graph, set()).add(line.rstrip(" ."))
    for doc in singles:
        g = next(x for x in graphs if x.endswith("/" + doc))
        assert clean[g] == graphs[g], f"{doc} differs from its clean single-article build"
    return graphs


def _rerun_completes(killed, sample, graphs, final):
    rerun = _cli("ingest", str(sample), "--store", str(killed))
    assert f"{len(graphs)} unchanged" in rerun.stderr
    after, ids, consistent = _article_graphs(killed)
    assert after == final and consistent and len(ids) == len(final)


def test_corpus_two_worker_processes_store_what_one_stores(tmp_path, fakes60):
    """``--workers 2`` extracts in two processes; the store ends exactly as the one-process run's."""
    sample, _graphs, final = fakes60
    store = tmp_path / "two-workers"
    _cli("ingest", str(sample), "--store", str(store), "--workers", "2")
    after, ids, consistent = _article_graphs(store)
    assert consistent and len(ids) == len(final)
    assert after == final


def test_corpus_sigkill_leaves_each_article_wholly_in_or_out(tmp_path, fakes60):
    """SIGKILL from outside, at a random moment after a few articles have landed."""
    sample, ref_graphs, final_graphs = fakes60
    killed = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "ingest", str(sample), "--store", str(killed), "-v"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=_HASH_ENV)
    landed = 0
    deadline = time.monotonic() + 300
    while landed < 4 and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        landed += line.startswith("added ")
    time.sleep(random.uniform(0.0, 0.4))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert landed >= 4, "the ingest did not get going"

    graphs = _check_wholly_in_or_out(killed, ref_graphs, sample)
    assert 4 <= len(graphs) < len(ref_graphs)
    _rerun_completes(killed, sample, graphs, final_graphs)


# The ingest with its store wrapped so that, from the article number ``sys.argv[3]`` on, a thread
# SIGKILLs the process while ``Store.update`` (the article's one transaction: its graph, registry
# entries and derived quads) has not returned. pyoxigraph releases the GIL during an update, so the
# thread runs inside it; the delay is a random fraction of the previous article's update time. The
# commit comes early in the call (measured here: a 60,000-triple update killed at 13% of its time left
# nothing, at 15% and later everything), so the kill lands before or after the commit: either way the
# article must be wholly out or wholly in.
_KILL_INSIDE_UPDATE = """
import os, random, signal, sys, threading, time
from graphbuild.store import ingest as m

at, rng = int(sys.argv[3]), random.Random(int(sys.argv[4]))
state = {"n": 0, "last": 0.02}


class KillingStore:
    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def update(self, query):
        state["n"] += 1
        if state["n"] < at:
            start = time.perf_counter()
            self._real.update(query)
            state["last"] = time.perf_counter() - start
            return
        done = threading.Event()
        delay = rng.uniform(0.05, 0.6) * state["last"]

        def kill():
            time.sleep(delay)
            if not done.is_set():
                print(f"killed inside update {state['n']} after {delay * 1000:.1f} ms", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=kill, daemon=True).start()
        self._real.update(query)
        done.set()


class Writer(m.StoreWriter):
    def __init__(self, handle):
        super().__init__(handle)
        self.store = KillingStore(self.store)


m.ingest([sys.argv[1]], sys.argv[2], writer_factory=Writer, progress=False, log=lambda l: print(l, flush=True))
print("finished without a kill", flush=True)
"""


def test_corpus_sigkill_inside_a_transaction_leaves_the_article_out(tmp_path, fakes60):
    """SIGKILL while the article's update call is running (not between two articles): that article is
    wholly out (or, killed after its commit, wholly in), every earlier one wholly in, the derived graph
    consistent, and a rerun completes the store."""
    sample, ref_graphs, final_graphs = fakes60
    killed = tmp_path / "killed"
    at = random.randint(5, 12)
    out = subprocess.run([sys.executable, "-c", _KILL_INSIDE_UPDATE, str(sample), str(killed), str(at),
                          str(random.randrange(1000))], capture_output=True, text=True, timeout=600, env=_HASH_ENV)
    assert out.returncode == -signal.SIGKILL, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines and lines[-1].startswith("killed inside update"), lines[-3:]
    written = [line.split()[1] for line in lines if line.startswith("added ")]
    assert len(written) >= at - 1

    graphs = _check_wholly_in_or_out(killed, ref_graphs, sample)
    names = {g.rsplit("/", 1)[-1] for g in graphs}
    # the interrupted article is out, unless the kill came in the microseconds between its commit and
    # the return of update() (then it is wholly in: checked above)
    assert set(written) <= names and len(names - set(written)) <= 1
    _rerun_completes(killed, sample, graphs, final_graphs)


@pytest.mark.skipif(not FAKES.is_file(), reason="FA-KES corpus not available")
def test_corpus_ctrl_c_exits_130_and_leaves_store_usable(tmp_path):
    sample = tmp_path / "fakes20.csv"
    _fakes_sample(sample, 20)
    store = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "ingest", str(sample), "--store", str(store), "-v"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    landed = 0
    while landed < 2:
        line = proc.stderr.readline()
        if not line:
            break
        landed += line.startswith("added ")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    graphs, ids, consistent = _article_graphs(store)  # opens: the lock was released
    assert len(graphs) >= 2 and consistent and ids == {g.rsplit("/", 1)[-1] for g in graphs}
    rerun = run("ingest", str(sample), "--store", str(store))
    assert rerun.returncode == 0 and f"{len(graphs)} unchanged" in rerun.stderr
