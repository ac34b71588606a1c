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
