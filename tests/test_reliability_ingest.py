"""RELIABILITY.md checklist, ingest items 1-10 and 13, Ctrl-C during extract, and bounded time on hostile text.

Items 11-12 (the same or an edited article in a store) belong to the store tests (tests/test_store.py).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import unicodedata
import warnings

import pytest
from conftest import SEED
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reliability_helpers import assert_clean_error, run_cli, time_limit, wait_for_module

from graphbuild.errors import GraphbuildWarning, IngestError, NotEnglish
from graphbuild.ingest import html_to_text, make_article, read_articles, read_text_file
from graphbuild.ingest.text import MAX_CHARS, clean_text, decode_bytes, mask_boilerplate

ENGLISH = SEED.read_text(encoding="utf-8")
PUBLISHED = dt.date(2012, 7, 11)
ARABIC = "أعلن السفير السوري في العراق نواف الفارس انشقاقه عن نظام الرئيس بشار الأسد وانضمامه إلى الثورة. " * 4
CHINESE = "叙利亚驻伊拉克大使纳瓦夫·法雷斯宣布脱离巴沙尔·阿萨德政权，加入叛乱。" * 4
FRENCH = ("L'ambassadeur de Syrie en Irak, Nawaf Fares, a annoncé mercredi sa défection du régime de Bachar "
          "al-Assad et son ralliement à la révolution, selon une vidéo diffusée par la chaîne Al-Jazira. ") * 3


def article(text: str, name: str = "t"):
    return make_article(text, doc_id="t", name=name, published=PUBLISHED, published_source="option")


# -- 1. empty inputs ---------------------------------------------------------------------------------------------

def test_item01_every_kind_of_empty_article_is_named_and_all_empty_is_exit_65(tmp_path):
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\r\n  ")
    (tmp_path / "empty.html").write_text("<html><head><title>T</title><script>var x = 1;</script></head>"
                                         "<body><!-- nothing --><style>p{}</style></body></html>")
    previous = tmp_path / "out.trig"
    previous.write_text("# earlier output\n")
    out = run_cli("extract", tmp_path, "-o", previous)
    assert_clean_error(out, 65, "no article could be read (3 skipped")
    for name in ("zero.txt", "blank.txt", "empty.html"):
        assert f"graphbuild: warning: skipped: empty article: {tmp_path / name}" in out.stderr
    assert previous.read_text() == "# earlier output\n"


def test_item01_empty_article_skipped_the_others_extracted(tmp_path):
    (tmp_path / "a-empty.txt").write_text("   \n")
    (tmp_path / "b-seed.txt").write_text(ENGLISH)
    out = tmp_path / "out.nq"
    res = run_cli("extract", tmp_path / "a-empty.txt", tmp_path / "b-seed.txt", "--published", "2012-07-11", "-o", out)
    # exit 1 ("some articles were skipped") needs cli.extract to pass read_articles(skipped=...); 0 until then
    assert res.returncode in (0, 1), res.stderr
    assert "Traceback" not in res.stderr
    assert f"graphbuild: warning: skipped: empty article: {tmp_path / 'a-empty.txt'}" in res.stderr
    assert "Manaf Tlass" in out.read_text(encoding="utf-8")


def test_item01_read_articles_reports_skipped_and_raises_only_when_nothing_is_left(tmp_path):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text(ENGLISH)
    skipped: list[IngestError] = []
    with pytest.warns(GraphbuildWarning, match="skipped: empty article"):
        got = list(read_articles([tmp_path], skipped=skipped))
    assert [a.doc_id for a in got] == ["b"] and len(skipped) == 1 and "a.txt" in str(skipped[0])
    (tmp_path / "b.txt").write_text("\n")
    with pytest.raises(IngestError, match=r"no article could be read \(2 skipped"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        list(read_articles([tmp_path]))


def test_item01_empty_records_in_jsonl_and_csv_are_skipped_by_line(tmp_path):
    jsonl = tmp_path / "r.jsonl"
    rows = [{"id": "1", "text": ENGLISH}, {"id": "2", "text": "  "}, {"id": "3", "text": None}, [1, 2], "x"]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        got = list(read_articles([jsonl]))
    assert [a.doc_id for a in got] == ["1"]
    messages = [str(w.message) for w in seen]
    assert any(f"empty article: {jsonl}:2" in m for m in messages)
    assert any(f"empty article: {jsonl}:3" in m for m in messages)  # null is no text, not the word "None"
    assert any(f"{jsonl}:4: not a JSON object" in m for m in messages)
    assert any(f"{jsonl}:6: not a JSON line" in m for m in messages)


# -- 2. binary ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"GIF89a\x01\x00",
    b"\x1f\x8b\x08\x00" + bytes(range(1, 200)), b"PK\x03\x04\x14\x00", b"Syria\x00\x00\x00defects",
    bytes(range(1, 32)) * 300,  # control bytes, no NUL and no signature
])
def test_item02_binary_refused(data):
    with pytest.raises(IngestError, match=r"not a text article: x\.bin"):
        decode_bytes(data, name="x.bin")


def test_item02_binary_file_through_cli_leaves_no_output(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(1, 32)) * 500 + b"%PDF")
    out = run_cli("extract", bad, "-o", tmp_path / "out.trig")
    assert_clean_error(out, 65, "not a text article", str(bad))
    assert not (tmp_path / "out.trig").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["scan.txt"]  # no temporary file left either


# -- 3. encodings, BOM, CRLF -------------------------------------------------------------------------------------

CAFE = "Café owner José Martínez said the minister had left.\n\nHe fled to Jordan."


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"), lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.encode("cp1252"), lambda t: t.encode("latin-1"), lambda t: t.encode("utf-16"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), lambda t: t.replace("\n", "\r").encode("utf-8"),
], ids=["utf8", "bom-crlf", "cp1252", "latin1", "utf16", "utf16be", "cr"])
def test_item03_encodings_decode_to_the_same_text(tmp_path, encode):
    path = tmp_path / "cafe.txt"
    path.write_bytes(encode(CAFE))
    assert read_text_file(path).text == CAFE


def test_item03_damaged_utf8_warns_with_byte_offset():
    data = "Ministre José ".encode() + b"\xff\xfe" + b" left Damascus."
    with pytest.warns(GraphbuildWarning, match=r"x\.txt: 2 invalid UTF-8 byte sequence\(s\), the first at byte 15; replaced"):
        text = decode_bytes(data, name="x.txt")
    assert "José" in text and clean_text(text) == "Ministre José  left Damascus."


def test_item03_bom_crlf_variant_gives_byte_identical_graph(tmp_path):
    clean, messy = tmp_path / "clean", tmp_path / "messy"
    clean.mkdir()
    messy.mkdir()
    (clean / "seed.txt").write_text(ENGLISH, encoding="utf-8", newline="\n")
    (messy / "seed.txt").write_bytes(codecs.BOM_UTF8 + ENGLISH.replace("\n", "\r\n").encode("utf-8"))
    for folder in (clean, messy):
        res = run_cli("extract", folder / "seed.txt", "--published", "2012-07-11", "-o", folder / "g.nq")
        assert res.returncode == 0, res.stderr
    assert (clean / "g.nq").read_bytes() == (messy / "g.nq").read_bytes()


# -- 4. surrogates, controls, U+FFFD, bidi ------------------------------------------------------------------------

HOSTILE_NAMES = ('Syria\'s ambassador to Iraq, Nawaf "The Lion" Fares, defected on Wednesday, said Abu {Omar} '
                 "O'Neil|Smith, a spokesman for Ahmed <al-Jarba> and Back\\slash Ca^ret `Tick`.\n\n"
                 "Bashar al-Assad's regime denied it. Manaf Tlass\u202e, a general, also left the Assad regime.")


def test_item04_controls_surrogates_and_fffd_never_reach_the_text():
    raw = "Manaf\x00 Tlass\x0b left\ud800 the\ufffd Assad\u202e regime\u2066.\x7f\x85 He fled.\ufeff"
    a = article(raw)
    assert a.text == "Manaf Tlass left the Assad regime. He fled."
    forbidden = {c for c in a.text if unicodedata.category(c) in {"Cc", "Cs", "Co"} and c not in "\n\t"}
    assert not forbidden and "\ufffd" not in a.text


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory, nlp):
    from graphbuild.outputs.files import write_graph
    from graphbuild.pipeline import build_graph

    raw = HOSTILE_NAMES + " x\x00\x0b\ufffd\ud800y\x1b[31m"
    ds = build_graph([make_article(raw, doc_id="hostile", name="hostile", published=PUBLISHED)], nlp=nlp)
    folder = tmp_path_factory.mktemp("hostile")
    return ds, {ext: write_graph(ds, folder / f"h.{ext}") for ext in ("trig", "nq", "jsonld", "ttl")}


def test_item04_item09_every_format_reparses_identically_in_rdflib_and_oxigraph(hostile_outputs):
    import pyoxigraph as ox

    from graphbuild.outputs.files import read_graph

    ds, files = hostile_outputs
    kinds = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
             "ttl": ox.RdfFormat.TURTLE}
    quads = {}
    for ext, path in files.items():
        parsed = list(ox.parse(path=str(path), format=kinds[ext]))
        quads[ext] = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in parsed}
        assert len(read_graph(path)) == len({q[:3] for q in quads[ext]}) > 100, ext
    assert quads["trig"] == quads["nq"] == quads["jsonld"]
    assert {q[:3] for q in quads["trig"]} == {q[:3] for q in quads["ttl"]}
    assert len(quads["nq"]) == len(list(ds.quads((None, None, None, None))))


def test_item09_names_with_iri_breaking_characters_keep_their_labels(hostile_outputs):
    import pyoxigraph as ox

    _, files = hostile_outputs
    labels = {str(q.object.value) for q in ox.parse(path=str(files["nq"]), format=ox.RdfFormat.N_QUADS)
              if q.predicate.value.endswith("#prefLabel")}
    subjects = {q.subject.value for q in ox.parse(path=str(files["nq"]), format=ox.RdfFormat.N_QUADS)}
    assert {"Manaf Tlass", "Bashar al-Assad"} <= labels
    assert any("{" in label for label in labels) and any("'" in label for label in labels)
    for iri in subjects:
        assert ox.NamedNode(iri).value == iri and not set(iri) & set(' "<>\\{}|^`\n\'')
    text = files["nq"].read_text(encoding="utf-8")
    assert "\\u202E" not in text.upper() and "\u202e" not in text and "\x1b" not in text


# -- 5. over-long text -------------------------------------------------------------------------------------------

def test_item05_over_long_article_is_one_clear_line_never_e088(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(("The minister left Damascus. " * 40_000)[: MAX_CHARS + 1])
    previous = tmp_path / "out.trig"
    previous.write_text("# earlier\n")
    out = run_cli("extract", long, "-o", previous)
    assert_clean_error(out, 65, f"article too long: {long} has 1,000,001 characters (limit 1,000,000)")
    assert "E088" not in out.stderr and previous.read_text() == "# earlier\n"


def test_item05_huge_file_refused_before_reading_and_long_record_skipped(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(4 * MAX_CHARS + 1)  # sparse: refused by size, never read
    with pytest.raises(IngestError, match=r"article too long: .*huge.txt has 4,000,001 bytes"):
        read_text_file(huge)
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(json.dumps({"id": "big", "text": "word. " * 200_000}) + "\n"
                     + json.dumps({"id": "ok", "text": ENGLISH}) + "\n")
    with pytest.warns(GraphbuildWarning, match=rf"skipped: article too long: {jsonl}:1 has 1,200,000 characters"):
        assert [a.doc_id for a in read_articles([jsonl])] == ["ok"]


# -- 6. hang triggers and random text: bounded time --------------------------------------------------------------

PATHOLOGICAL = {
    "dotted-numbers": ".".join(str(i) for i in range(100)),
    "numbers-9-punct": " ".join(p.join(str(i) for i in range(100)) for p in ".,:;!?-/'"),
    "10k-bang": "!" * 10_000,
    "300k-a": "a" * 300_000,
    "url-13k-emoji": "http://www.example.com/" + "\u2603" * 13_200,
    "long-dotted-token": ".".join(["ab"] * 20_000),
    "175k-word-sentence": "word " * 35_000,
    "175k-prose-sentence": ("The minister said that the ambassador of Syria to Iraq had defected and " * 2_400)[:175_000],
    "sentence-19k": ("The minister said that the ambassador of Syria to Iraq had defected and " * 260) + ".",
    "emoji-words": "The minister said that Assad \U0001F600 had left. " * 400,
}
_RUNNER = textwrap.dedent("""
    import datetime as dt, json, sys, time
    from graphbuild.errors import IngestError
    from graphbuild.ingest import make_article
    from graphbuild.nlp import load_nlp
    from graphbuild.pipeline import extract_facts
    nlp = load_nlp()
    for name, text in json.load(sys.stdin).items():
        print("start", name, flush=True)
        start = time.monotonic()
        try:
            a = make_article(text, doc_id="t", name=name, published=dt.date(2012, 7, 11))
            result = "%d entities" % len(next(extract_facts([a], nlp=nlp)).entities)
        except IngestError as e:
            result = "refused: " + str(e)
        print("done", name, round(time.monotonic() - start, 2), result, flush=True)
""")


def test_item06_hang_triggers_finish_in_bounded_time():
    """Each pathological string ends within 30 s with facts or one clear refusal (a subprocess, so that a
    hang inside spaCy's C code is still caught; the whole run is bounded too)."""
    try:
        out = subprocess.run([sys.executable, "-c", _RUNNER], input=json.dumps(PATHOLOGICAL), capture_output=True,
                             text=True, timeout=240)
    except subprocess.TimeoutExpired as e:
        started = [line for line in (e.stdout or b"").decode().splitlines() if line.startswith("start")]
        pytest.fail(f"hung on {started[-1] if started else 'model load'}")
    assert out.returncode == 0, out.stderr[-3000:]
    done = {line.split()[1]: line.split(maxsplit=3)[2:] for line in out.stdout.splitlines() if line.startswith("done")}
    assert set(done) == set(PATHOLOGICAL), out.stdout
    for name, (seconds, _) in done.items():
        assert float(seconds) < 30, (name, seconds)
    assert re.match(r"refused: no sentence breaks: 175k-prose-sentence has 1\d\d,\d{3} characters without sentence "
                    r"punctuation or a blank line \(limit 20,000\)$", done["175k-prose-sentence"][1])
    assert done["sentence-19k"][1].endswith("entities"), done["sentence-19k"]
    assert done["url-13k-emoji"][1] == "0 entities" and done["emoji-words"][1].endswith("entities")


def test_item06_long_runs_masked_offsets_kept():
    text = "Manaf Tlass left. " + "\u2603" * 500 + " Assad stayed. http://x.example/" + "a" * 200
    masked = mask_boilerplate(text)
    assert len(masked) == len(text) and "\u2603" not in masked and "aaaa" not in masked
    assert masked.startswith("Manaf Tlass left.") and "Assad stayed." in masked


_HOSTILE_ALPHABET = st.sampled_from([*"aA .!?,;:'\"()[]{}<>-–—\n\t\r\\/@#&%$*+=_|^`~0123456789",
                                     "\u200b", "\u200f", "\u202e", "\ufeff", "\u0640", "\u00ad", "\x00", "\x0b",
                                       "\ufffd", "\ud800", "\U0001F600", "\u2603", "é", "ß", "ب", "中", "\u0301",
                                       "Assad", "Tlass ", "Mr. ", "Gen. ", "said", "\n\n", "http://", "www."])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=3000), st.lists(_HOSTILE_ALPHABET, max_size=600).map("".join)))
def test_item06_random_and_hostile_text_extracts_or_refuses_quickly(nlp, text):
    from graphbuild.pipeline import extract_facts

    with time_limit(30):
        try:
            a = article(text)
        except IngestError as e:  # empty, no sentence breaks, not English: always naming the article
            assert str(e).endswith(": t") or ": t has " in str(e), str(e)
            return
        facts = next(extract_facts([a], nlp=nlp))
    assert all(0 <= s.start <= s.end <= len(a.text) for s in facts.sentences)
    for entity in facts.entities:  # offsets point into the stored text
        assert all(0 <= m.start < m.end <= len(a.text) for m in entity.mentions)


# -- 7. HTML -----------------------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Syria&#39;s envoy &amp;amp; the regime</title>
<style>body { font-family: Evilfont; } .x::after { content: "Hacker Person"; }</style>
<script>document.write("Mallory Script said"); var name = "Eve Injected";</script></head>
<body><nav>Home | World | Sports Desk</nav><!-- Comment Person said hello -->
<p><b>Manaf</b> Tlass, a brigadier general, has defected from the Assad regime, his family said on Friday.</p>
<p>Tlass &amp;amp; his father, former defense minister Mustafa Tlass, were close to <i>Bashar al-Assad</i>.</p>
<noscript>Noscript Person said</noscript><template><p>Template Person said</p></template>
<p>AT&amp;T &lt;b&gt; stayed &#x2014; text.</p></body></html>"""


def test_item07_html_text_has_no_script_style_comment_and_entities_decoded_once():
    title, text = html_to_text(HTML_PAGE)
    assert title == "Syria's envoy &amp; the regime"
    assert "Manaf Tlass, a brigadier general" in text and "Tlass &amp; his father" in text
    assert "AT&T <b> stayed — text." in text
    for junk in ("Evilfont", "Hacker", "Mallory", "Eve Injected", "Comment Person", "Noscript", "Template Person",
                 "Sports Desk", "document.write"):
        assert junk not in text


def test_item07_html_article_through_cli_has_no_script_text_in_the_graph(tmp_path):
    page = tmp_path / "envoy.html"
    page.write_bytes(HTML_PAGE.encode("cp1252"))
    out = tmp_path / "g.nq"
    res = run_cli("extract", page, "--published", "2012-07-13", "-o", out)
    assert res.returncode == 0, res.stderr
    graph = out.read_text(encoding="utf-8")
    assert '"Manaf Tlass"' in graph and "Mustafa Tlass" in graph
    assert "AT&T <b> stayed" in graph  # "&lt;b&gt;" is text, decoded once
    for junk in ("Mallory", "Eve Injected", "Evilfont", "Comment Person", "<b>Manaf", "&amp;amp;", "Noscript"):
        assert junk not in graph, junk


def test_item07_html_record_in_jsonl_is_converted(tmp_path):
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(json.dumps({"id": "h", "text": "<p>Manaf <b>Tlass</b> left.</p><script>evil()</script>"
                                 + "<p>He said so.</p>" * 3}) + "\n")
    (a,) = read_articles([jsonl])
    assert a.text.startswith("Manaf Tlass left.\n\nHe said so.") and "evil" not in a.text


# -- 8. non-English ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "why"), [(ARABIC, "mostly Arabic script"), (CHINESE, "mostly Chinese/Japanese script"),
                                           (FRENCH, "only 0% common English words")])
def test_item08_non_english_refused_with_the_reason(text, why):
    with pytest.raises(NotEnglish, match=f"not English \\({why}.*: t$"):
        article(text)


def test_item08_non_english_article_skipped_with_warning_naming_it(tmp_path):
    (tmp_path / "ar.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "g.nq"
    res = run_cli("extract", tmp_path, "--published", "2012-07-11", "-o", out)
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr, res.stderr
    assert f"graphbuild: warning: skipped: not English (mostly Arabic script; the pipeline is English-only): " \
           f"{tmp_path / 'ar.txt'}" in res.stderr
    graph = out.read_text(encoding="utf-8")
    assert "Manaf Tlass" in graph and "السفير" not in graph


def test_item08_english_with_arabic_names_and_bidi_is_kept(facts_of):
    text = ("Syria's ambassador to Iraq, Nawaf Fares (\u2067نواف الفارس\u2069), announced his defection from the "
            "regime of Bashar al-Assad (بشار الأسد) on Wednesday, a spokesman for the opposition said in Baghdad.")
    facts, labels = facts_of(text)
    assert "Nawaf Fares" in labels.values() and "Bashar al-Assad" in labels.values()
    assert "\u2067" not in facts.article.text and "نواف الفارس" in facts.article.text


# -- 10. Unicode variants of one name ----------------------------------------------------------------------------

VARIANTS = [
    "Bashar al-Assad",
    unicodedata.normalize("NFD", "Bashar al-Assad"),
    "Ｂａｓｈａｒ ａｌ-Ａｓｓａｄ",  # fullwidth
    "Bashar\u200f al-Assad",  # RLM
    "Bas\u200dhar al-As\u200csad",  # ZWJ, ZWNJ
    "Bashar al-Ass\u00adad",  # soft hyphen
    "Bashar\u00a0al-Assad",  # no-break space
    "BASHAR AL-ASSAD",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_item10_unicode_variants_map_to_one_key_and_iri(variant):
    from graphbuild.resolve.identity import entity_iri, fold_name, normalize_name

    assert normalize_name(variant) == "bashar al-assad"
    assert entity_iri(f"person:{fold_name(variant)}") == entity_iri(f"person:{fold_name('Bashar al-Assad')}")


def test_item10_policy_accents_and_tatweel():
    from graphbuild.resolve.identity import normalize_name

    # accents are folded for matching keys (the label keeps them); tatweel is dropped
    assert normalize_name("José Martí") == normalize_name(unicodedata.normalize("NFD", "José Martí")) == "jose marti"
    assert normalize_name("بشار الأسد") == normalize_name("بشـــار الأســد")
    assert clean_text(unicodedata.normalize("NFD", "José")) == "José"  # stored text is NFC


def test_item10_invisible_characters_inside_a_name_in_text_give_one_entity(facts_of):
    _, labels = facts_of("Manaf Tlass has defected from the regime, his family said. "
                             "Man\u00adaf Tla\u200bss\u200f was a general. Manaf Tlass fled to Paris.")
    assert sum(1 for label in labels.values() if "Tlass" in label) == 1, labels


@given(st.text(max_size=40))
def test_item10_property_nfc_nfd_and_invisibles_do_not_change_the_key(text):
    from graphbuild.resolve.identity import fold_name, normalize_name

    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert normalize_name(nfc) == normalize_name(nfd)
    assert fold_name(nfc) == fold_name(nfd)
    sprinkled = "\u200b".join(nfc[i:i + 2] for i in range(0, len(nfc), 2)).replace(" ", " \u200f")
    assert normalize_name(sprinkled) == normalize_name(nfc)


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=30))
def test_item10_property_fullwidth_ascii_is_the_same_name(text):
    from graphbuild.resolve.identity import normalize_name

    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert normalize_name(fullwidth) == normalize_name(text)


@given(st.text())
@example("\u2028")  # found by hypothesis: a raw line separator inside a literal broke pyoxigraph's parsers
@example("a\u2029b")
def test_item09_property_minted_iri_and_label_round_trip(text):
    """Any name: the minted IRI is accepted by pyoxigraph and rdflib, and the label comes back exactly
    through N-Quads and JSON-LD (after the stored-text cleaning that removes surrogates and controls)."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal, URIRef

    from graphbuild.outputs.files import serialize
    from graphbuild.resolve.identity import entity_iri, fold_name, graph_iri

    label = clean_text(text)
    iri = entity_iri(f"person:{fold_name(label)}")
    assert ox.NamedNode(iri).value == iri
    ds = Dataset()
    ds.graph(URIRef(graph_iri("t"))).add((URIRef(iri), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
                                          Literal(label)))
    for fmt, kind in (("nquads", ox.RdfFormat.N_QUADS), ("json-ld", ox.RdfFormat.JSON_LD),
                      ("trig", ox.RdfFormat.TRIG)):
        (quad,) = ox.parse(serialize(ds, fmt), format=kind)
        assert (quad.subject.value, quad.object.value) == (iri, label), fmt


# -- 13. blank nodes ---------------------------------------------------------------------------------------------

def test_item13_no_blank_node_in_generated_graphs(seed_dataset, hostile_outputs):
    from rdflib import BNode

    hostile, _ = hostile_outputs
    for ds in (seed_dataset, hostile):
        quads = list(ds.quads((None, None, None, None)))
        assert quads
        assert not [q for q in quads if any(isinstance(t, BNode) for t in q)]


# -- Ctrl-C during extract ---------------------------------------------------------------------------------------

def default_sigint() -> None:
    """In the child: Ctrl-C as at a terminal (a background job or CI runner may have SIGINT ignored, and
    Python keeps an inherited SIG_IGN)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_extract_exits_130_and_writes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"a{i:03}.txt").write_text(ENGLISH.replace("Manaf", f"Manaf{i}"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "g.trig"
    previous.write_text("# earlier output\n")
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "extract", corpus, "--published", "2012-07-11",
                             "-o", previous, "-o", out / "new.nq"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=default_sigint)
    try:
        assert wait_for_module(proc.pid, "spacy"), "extract never loaded spaCy"
        assert proc.poll() is None, "extract finished before it could be interrupted: make the corpus larger"
        os.kill(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=240)  # a loaded CI box parses slowly; the exit itself is prompt
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in stderr
    assert previous.read_text() == "# earlier output\n"
    assert sorted(p.name for p in out.iterdir()) == ["g.trig"]  # no new file, no temporary file
    expect_interrupted(proc.returncode, stderr)


@pytest.mark.parametrize("where", ["in_typer", "outside_typer"])
def test_ctrl_c_inside_generated_code_still_exits_130(tmp_path, where):
    """The CI failure of session 4: Ctrl-C landed while dataclasses built a method with ``exec`` during the
    imports of ``extract``; main() printed "interrupted" but the process died of SIGINT (-2). Here the
    interrupt is raised from exec'd code, deterministically, under ``python -m`` as the CLI runs."""
    (tmp_path / "interrupt_in_exec.py").write_text(textwrap.dedent(f"""
        import typer
        import graphbuild.cli as cli

        def interrupted() -> None:
            exec("raise KeyboardInterrupt")

        if "{where}" == "in_typer":
            cli.app = typer.Typer()
            cli.app.command()(interrupted)
        else:
            cli.app = lambda **kwargs: interrupted()
        cli.main()
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "interrupt_in_exec"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=120)
    assert "Traceback" not in proc.stderr
    expect_interrupted(proc.returncode, proc.stderr)


def test_ctrl_c_swallowed_by_a_library_still_stops_extract_before_it_writes(tmp_path):
    """Seen in a stress run: Ctrl-C during numpy's import raised inside a compiled module that ignores every
    error, and extract went on to write its output and exit 0. Here a library swallows the interrupt."""
    (tmp_path / "art.txt").write_text(ENGLISH, encoding="utf-8")
    previous = tmp_path / "g.trig"
    previous.write_text("# earlier output\n")
    (tmp_path / "swallowing_library.py").write_text(textwrap.dedent("""
        import os, signal, sys
        import graphbuild.cli as cli
        import graphbuild.pipeline as pipeline

        real_build_graph = pipeline.build_graph

        def build_graph(*args, **kwargs):
            try:
                os.kill(os.getpid(), signal.SIGINT)
                sum(range(1000))  # the KeyboardInterrupt is raised here, at the next bytecode
            except BaseException:
                pass
            return real_build_graph(*args, **kwargs)

        pipeline.build_graph = build_graph
        sys.argv = ["graphbuild", *sys.argv[1:]]
        cli.main()
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "swallowing_library", "extract", "art.txt", "--published",
                           "2012-07-11", "-o", "g.trig", "-o", "new.nq"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=240,
                          preexec_fn=default_sigint)
    assert "Traceback" not in proc.stderr
    expect_interrupted(proc.returncode, proc.stderr)
    assert previous.read_text() == "# earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in {".trig", ".nq"}) == ["g.trig"]


def test_ctrl_c_turned_into_another_error_by_an_import_still_exits_130(tmp_path):
    """The CI failure of session 9: Ctrl-C landed while pydantic built a model during spaCy's import; Python 3.11
    wraps an error from ``__set_name__`` in a RuntimeError, so a traceback came out instead of "interrupted"."""
    (tmp_path / "art.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "wrapping_library.py").write_text(textwrap.dedent("""
        import os, signal, sys
        import graphbuild.cli as cli
        import graphbuild.pipeline as pipeline

        class Descriptor:
            def __set_name__(self, owner, name):
                os.kill(os.getpid(), signal.SIGINT)
                sum(range(1000))  # the KeyboardInterrupt is raised here; type() re-raises it as a RuntimeError

        def build_graph(*args, **kwargs):
            class Model:
                field = Descriptor()
            raise AssertionError("the interrupt never came")

        pipeline.build_graph = build_graph
        sys.argv = ["graphbuild", *sys.argv[1:]]
        cli.main()
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "wrapping_library", "extract", "art.txt", "--published",
                           "2012-07-11", "-o", "new.nq"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=240,
                          preexec_fn=default_sigint)
    assert "Traceback" not in proc.stderr
    expect_interrupted(proc.returncode, proc.stderr)
    assert not (tmp_path / "new.nq").exists()


def expect_interrupted(code: int, stderr: str) -> None:
    """Exit 130 with "graphbuild: interrupted" (typer returns 130 on Ctrl-C; cli.main exits with it)."""
    assert code == 130, stderr
    assert "graphbuild: interrupted" in stderr
