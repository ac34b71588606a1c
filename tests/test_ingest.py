import datetime as dt

import pytest

from graphbuild.errors import IngestError, InputNotFound
from graphbuild.ingest.readers import parse_date, read_records, read_text_file
from graphbuild.ingest.text import clean_text, date_in_text, decode_bytes, mask_boilerplate


@pytest.mark.parametrize(("raw", "dateline"), [
    ("BEIRUT (Reuters) - Troops left.", "BEIRUT (Reuters)."), ("AMMAN, Jordan (AFP) – Troops left.", "AMMAN, Jordan (AFP)."),
    ("DAMASCUS, July 3 (SANA) — Troops left.", "DAMASCUS, July 3 (SANA)."),
    ("Caracas, Venezuela – Troops left.", "Caracas, Venezuela."), ("Gaza City (AP) — Troops left.", "Gaza City (AP)."),
])
def test_text_dateline_ends_as_a_sentence_of_its_own_keeping_offsets(raw, dateline):
    """The dateline's place and agency stay visible (they are entities); its dash becomes a full stop so the
    place is never read as the subject of the lead."""
    masked = mask_boilerplate(raw)
    assert len(masked) == len(raw)
    assert masked.split() == [*dateline.split(), "Troops", "left."]


@pytest.mark.parametrize("raw", ["The minister - who was there - left.", "Meanwhile, Russia said - no more."])
def test_text_dash_in_a_sentence_is_not_a_dateline(raw):
    assert mask_boilerplate(raw) == raw


@pytest.mark.parametrize("line", ["More On This...", "Short link: http://x.y/z", "Copyright 2013 AFP",
                                  "Read more: elsewhere"])
def test_text_boilerplate_line_masked(line):
    text = f"A minister said.\n{line}\nB left."
    masked = mask_boilerplate(text)
    assert line.split()[0] not in masked and "A minister said." in masked and len(masked) == len(text)


def test_text_clean_bom_crlf_controls_hash_identically():
    assert clean_text("\ufeffA\r\nB\x00") == clean_text("A\nB")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n....", b"abc\x00def", b"%PDF-1.4"])
def test_ingest_binary_refused(data):
    with pytest.raises(IngestError, match="not a text article"):
        decode_bytes(data, name="x.bin")


def test_ingest_cp1252_decoded():
    assert decode_bytes("café".encode("cp1252"), name="x") == "café"


def test_ingest_empty_and_missing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with pytest.raises(IngestError, match="empty article"):
        read_text_file(empty)
    with pytest.raises(InputNotFound):
        read_text_file(tmp_path / "nope.txt")


@pytest.mark.parametrize(("text", "day"), [("Wed 05 Apr 2017 Syria attack", dt.date(2017, 4, 5)),
                                           ("Published July 11, 2012 by AP", dt.date(2012, 7, 11)),
                                           ("No date here at all", None)])
def test_text_date_found(text, day):
    assert date_in_text(text) == day


@pytest.mark.parametrize(("value", "day"), [("4/5/2017", dt.date(2017, 4, 5)), ("2012-07-11", dt.date(2012, 7, 11)),
                                            ("13/13/2012", None), ("", None)])
def test_readers_parse_date(value, day):
    assert parse_date(value) == day


def test_readers_csv_records(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('unit_id,article_title,article_content,source,date\n7,Title,"Body text here.",sana,4/5/2017\n')
    (article,) = read_records(path)
    assert article.doc_id == "7" and article.published == dt.date(2017, 4, 5) and article.outlet == "sana"
    assert article.text.startswith("Title\n\nBody")
