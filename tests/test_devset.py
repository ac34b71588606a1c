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
    # Session 5 (32 articles): 0.903 / 0.940 / 0.881 / 0.683 / 0.876.
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


#: blind sets whose failure classes were fixed afterwards (held-out 1 to 17 and the real FA-KES word traps; held-out
#: 18, scored blind late in session 13, 19 and 20, scored blind in session 14, 21 in session 15, 22 in session 16, 23 in
#: session 17 (the defection floors of held-out 13 and 15 to 22 raised in session 17), 24 in session 18 (with the
#: relation floor of held-out 23), their floors about 0.03 under their end-of-session scores):
#: development material now, so their scores must not drop either. Floors are about 0.03 under the scores
#: measured at the end of session 6 (held-out 13: session 7; 14: session 8; 15: session 9; the defection floors of
#: held-out 6 and 8 to 15: session 11; held-out 16 and 17: session 12).
RETIRED = {
    "heldout": {"entities": 0.86, "defections": 0.86, "roles": 0.86, "relations": 0.56, "overall": 0.75},
    "heldout2": {"entities": 0.88, "defections": 0.82, "roles": 0.80, "relations": 0.68, "overall": 0.82},
    "heldout3": {"entities": 0.82, "defections": 0.70, "roles": 0.74, "relations": 0.66, "overall": 0.79},
    "heldout4": {"entities": 0.83, "defections": 0.66, "roles": 0.64, "relations": 0.54, "overall": 0.63},
    "heldout5": {"entities": 0.85, "defections": 0.69, "roles": 0.61, "relations": 0.57, "overall": 0.70},
    "heldout6": {"entities": 0.88, "defections": 0.77, "roles": 0.75, "relations": 0.55, "overall": 0.78},
    "heldout7": {"entities": 0.84, "defections": 0.69, "roles": 0.70, "relations": 0.53, "overall": 0.69},
    "heldout8": {"entities": 0.81, "defections": 0.46, "roles": 0.68, "relations": 0.50, "overall": 0.60},
    "heldout9": {"entities": 0.81, "defections": 0.79, "roles": 0.66, "relations": 0.56, "overall": 0.73},
    "heldout10": {"entities": 0.83, "defections": 0.48, "roles": 0.73, "relations": 0.49, "overall": 0.63},
    "heldout11": {"entities": 0.83, "defections": 0.54, "roles": 0.66, "relations": 0.47, "overall": 0.66},
    "heldout12": {"entities": 0.82, "defections": 0.50, "roles": 0.67, "relations": 0.47, "overall": 0.54},
    "heldout13": {"entities": 0.86, "defections": 0.77, "roles": 0.72, "relations": 0.53, "overall": 0.72},
    "heldout14": {"entities": 0.85, "defections": 0.61, "roles": 0.70, "relations": 0.49, "overall": 0.67},
    "heldout15": {"entities": 0.85, "defections": 0.70, "roles": 0.68, "relations": 0.41, "overall": 0.68},
    "heldout16": {"entities": 0.85, "defections": 0.73, "roles": 0.70, "relations": 0.47, "overall": 0.71},
    "heldout17": {"entities": 0.84, "defections": 0.52, "roles": 0.77, "relations": 0.53, "overall": 0.65},
    "heldout18": {"entities": 0.85, "defections": 0.51, "roles": 0.72, "relations": 0.46, "overall": 0.61},
    "heldout19": {"entities": 0.83, "defections": 0.63, "roles": 0.74, "relations": 0.45, "overall": 0.69},
    "heldout20": {"entities": 0.83, "defections": 0.60, "roles": 0.81, "relations": 0.47, "overall": 0.68},
    "heldout21": {"entities": 0.86, "defections": 0.71, "roles": 0.78, "relations": 0.49, "overall": 0.70},
    "heldout22": {"entities": 0.86, "defections": 0.55, "roles": 0.70, "relations": 0.47, "overall": 0.67},
    "heldout23": {"entities": 0.84, "defections": 0.65, "roles": 0.77, "relations": 0.53, "overall": 0.73},
    "heldout24": {"entities": 0.85, "defections": 0.62, "roles": 0.74, "relations": 0.41, "overall": 0.69},
    "heldout-fakes2": {"entities": 0.80, "overall": 0.76},
}

#: articles without a defection in which one is still invented, and why (each must go; no other may join)
STILL_INVENTED = {
    # a sacked deputy prime minister reported, and denied, to have sought refuge in an embassy: the other sets'
    # golds count a sacked official's flight as a defection, so no general rule separates the two yet
    "z4-malaysia-anwar-sacked-expelled-no-defection": "heldout18",
}


@pytest.mark.parametrize("name", sorted(RETIRED))
def test_retired_blind_sets_do_not_drop(name):
    golds = sorted((ROOT / "tests" / "data" / name).glob("*.json"))
    reports = [devset.score_article(p) for p in golds]
    totals = devset.micro(reports)
    # Defection F1 at the first (blind) score -> now: held-out 3 0.381 -> 0.750, held-out 4
    # 0.174 -> 0.720, held-out 5 0.250 -> 0.632, held-out 6 0.378 -> 0.706, held-out 7 0.160 -> 0.667,
    # held-out 8 0.375 -> 0.458 (its blind score was taken late in session 5), held-out 9 0.489 -> 0.694,
    # held-out 10 0.314 -> 0.453, held-out 11 0.414 -> 0.476, held-out 12 0.255 (blind scores taken in session 6,
    # held-out 12 at its end), held-out 13 0.358 -> 0.528 (real episodes, session 7), held-out 14
    # 0.381 -> 0.459 (real episodes, session 8); FA-KES traps: none invented. Session 11 (rules for held-out 8
    # to 15): held-out 8 0.440 -> 0.491, 10 0.453 -> 0.508, 11 0.476 -> 0.567, 12 0.259 -> 0.448, 13 0.535 -> 0.658,
    # 14 0.467 -> 0.516, 15 0.531 -> 0.577; held-out 16 blind 0.259 (the same with the code of session 10).
    # Session 12 (rules for held-out 16): held-out 16 0.259 -> 0.623; held-out 17 blind 0.459 (0.405 with the code
    # of session 11), 0.486 after the first of its failure classes were fixed. Session 13 (appeals and departures
    # still to come, precedents, groups named as persons): held-out 8 0.491 -> 0.545, 15 0.588 -> 0.714, 16
    # 0.623 -> 0.687, 17 0.486 -> 0.548; held-out 18 blind 0.348 (0.324 with the code of session 12), 0.371 after.
    # Session 14 ("also" and "a second" departures, counted and collective groups, then rules for held-out 19):
    # held-out 2 0.870 -> 0.917, 12 0.467 -> 0.500, 16 0.687 -> 0.727, 18 0.371 -> 0.427; held-out 19 blind 0.235
    # (0.242 with the code of session 13), 0.532 after; held-out 20 blind 0.286 at the end of the session (0.293
    # with the code of session 13, 0.308 with the code held-out 19 was scored blind with). Session 15 (a learned
    # scorer tried and dropped; whole-phrase names of groups, family going along, party switches, defectors of
    # another country, the rebel side left): held-out 19 0.532 -> 0.617, 20 0.289 -> 0.487, 14 0.563 -> 0.594;
    # held-out 21 blind 0.303 (0.303 with the code of session 14), 0.338 after its invented defection was fixed.
    # Session 16 (relatives with a post, groups named one by one, more ways to leave, party switches, appeals to a
    # nationality still serving): held-out 21 0.338 -> 0.711, 20 0.487 -> 0.554, 18 0.427 -> 0.487, 14 0.594 ->
    # 0.615, 12 0.500 -> 0.533; held-out 22 blind 0.364 (0.317 with the code of session 15), 0.486 after.
    # Session 17: held-out 23 blind 0.475 (0.456 with the code of session 16), 0.688 after. Session 18 (party
    # walk-outs, units and their commanders, state employees, relations of places and people): held-out 24 blind
    # 0.317 (the same with the code of session 17), 0.643 after; its relations 0.387 -> 0.446.
    assert all(totals[k] >= v for k, v in RETIRED[name].items()), (name, totals)
    for p, report in zip(golds, reports, strict=True):
        if not json.loads(p.read_text())["defections"]:
            # (a listed article that no longer invents one must leave the list)
            assert (report["defections"]["system"] > 0) == (STILL_INVENTED.get(p.stem) == name), p.stem
