import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.resolve.identity import entity_iri, fold_name, normalize_name


@pytest.mark.parametrize(("a", "b"), [("Manaf Tlass", "Manaf Tlas"), ("Riyad Hijab", "Riad Hijab"),
                                      ("Muammar Qaddafi", "Moammar Kadhafi"), ("Qasem Hamdi", "Kassem Hamdy"),
                                      ("Bashar al-Assad", "Bashar Assad")])
def test_identity_variants_fold_together(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(("a", "b"), [("Bashar Assad", "Maher Assad"), ("Nawaf Fares", "Nawaf Farouk")])
def test_identity_different_people_stay_apart(a, b):
    assert fold_name(a) != fold_name(b)


def test_identity_unicode_variants_one_key():
    assert normalize_name("Ｂashar\u200d Assad") == normalize_name("Bashar Assad") == normalize_name("Bashar Assad’s")


@given(st.text())
def test_identity_iri_valid_and_stable(text):
    import pyoxigraph

    iri = entity_iri(f"person:{fold_name(text)}")
    assert pyoxigraph.NamedNode(iri).value == iri
    assert entity_iri(f"person:{fold_name(text)}") == iri


@given(st.text())
def test_identity_normalize_idempotent(text):
    assert normalize_name(normalize_name(text)) == normalize_name(text)
