"""Development-set scores (tests/data/gold, annotated by hand) must not drop; articles that report no
defection must get none. Reproduce the table with: .venv/bin/python tests/eval/devset.py"""

import json

import devset
import pytest
from conftest import ROOT

GOLDS = sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))


@pytest.fixture(scope="module")
def reports():
    return {p.stem: devset.score_article(p) for p in GOLDS}


def test_devset_micro_scores_do_not_drop(reports):
    totals = devset.micro(list(reports.values()))
    # Measured 2026-11-28, session 3 (32 articles): entities 0.898, defections 0.914, roles 0.876,
    # relations 0.669, overall 0.860 (session 2: 0.893 / 0.835 / 0.813 / 0.621 / 0.806; session 1:
    # 0.866 / 0.613 / 0.770 / 0.548 / 0.746). Issue 3 asks for overall >= 0.85 and defections >= 0.85.
    floors = {"entities": 0.88, "defections": 0.88, "roles": 0.85, "relations": 0.64, "overall": 0.85}
    assert all(totals[k] >= v for k, v in floors.items()), totals


def test_devset_no_defection_invented(reports):
    for p in GOLDS:
        gold = json.loads(p.read_text())
        if not gold["defections"]:
            assert reports[p.stem]["defections"]["system"] == 0, p.stem


#: blind sets whose failure classes were fixed afterwards (held-out 3 to 5 and the real FA-KES word traps):
#: development material now, so their scores must not drop either. Held-out 6 stays out of every test.
RETIRED = {
    "heldout3": {"entities": 0.82, "defections": 0.65, "roles": 0.74, "relations": 0.60, "overall": 0.77},
    "heldout4": {"entities": 0.82, "defections": 0.40, "roles": 0.65, "relations": 0.53, "overall": 0.59},
    "heldout5": {"entities": 0.86, "defections": 0.54, "roles": 0.62, "relations": 0.55, "overall": 0.69},
    "heldout-fakes2": {"entities": 0.81, "overall": 0.76},
}


@pytest.mark.parametrize("name", sorted(RETIRED))
def test_retired_blind_sets_do_not_drop(name):
    golds = sorted((ROOT / "tests" / "data" / name).glob("*.json"))
    reports = [devset.score_article(p) for p in golds]
    totals = devset.micro(reports)
    # Measured 2026-11-28, session 4, at their first (blind) score -> now: held-out 3 overall 0.624 -> 0.789,
    # held-out 4 0.496 -> 0.612, held-out 5 0.552 -> 0.706, FA-KES word traps 0.781 (no defection invented).
    assert all(totals[k] >= v for k, v in RETIRED[name].items()), (name, totals)
    for p, report in zip(golds, reports, strict=True):
        if not json.loads(p.read_text())["defections"]:
            assert report["defections"]["system"] == 0, p.stem
