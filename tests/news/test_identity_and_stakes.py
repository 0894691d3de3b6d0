"""Issue 12 (extraction half), each phrasing on sentences of its own (written for these tests,
not taken from the articles in tests/news/articles): organisations keep their identity,
non-state speakers get a sector and their country where the text gives it, the issue is the
noun phrase at stake, conditions are kept, datelines date an article."""

from __future__ import annotations

from datetime import date

import pytest

from redline.news import Article, extract_article

DAY = date(2026, 6, 10)  # a Wednesday


def _run(text: str, day: date | None = DAY):
    # an Article as is: one-line sentences are too short for the reader's language check
    return extract_article(Article("t.txt", text), None, day).statements


def _only(text: str, day: date | None = DAY):
    found = _run(text, day)
    assert len(found) == 1, [s.to_dict() for s in found]
    return found[0]


@pytest.mark.parametrize(("text", "code"), [
    ("The African Union demanded that the generals hand power to civilians.", "AU"),
    ("ECOWAS rejected the junta's timetable.", "ECOWAS"),
    ("NATO urged Belgrade to withdraw its troops from the boundary line.", "NATO"),
    ("The IAEA urged Tehran to restore the cameras.", "IAEA"),  # "called on" misparses
    ("OPEC said it was ready to raise output if prices kept rising.", "OPEC"),
    ("The United Nations welcomed the prisoner exchange.", "UN"),
    ("The European Union threatened to suspend the trade pact.", "EU"),
])
def test_organisations_keep_their_identity(nlp, text, code):
    s = _only(text)
    assert s.actor == code and s.sector is None


@pytest.mark.parametrize(("text", "actor", "sector"), [
    ("Kenya's teachers' union rejected the government's pay offer.", "KEN", "union"),
    ("A farmers' union said it would never accept cheaper grain imports.", None, "union"),
    ("Chile's copper miners' union threatened to strike over pensions.", "CHL", "union"),
    ("Ethiopia's army rejected any foreign monitoring of the front line.", "ETH", "military"),
    ("Peru's largest opposition party demanded early elections.", "PER", "party"),
    ("Siemens, the German engineering company, welcomed the tariff cut.", "DEU", "business"),
    ("The rebels in northern Mali rejected the ceasefire plan.", "MLI", "rebels"),
])
def test_non_state_speakers_get_a_sector_and_their_country_where_given(nlp, text, actor,
                                                                        sector):
    s = _only(text)
    assert (s.actor, s.sector) == (actor, sector)


def test_the_union_and_the_company_keep_their_earlier_identity(nlp):
    found = _run("Norway's nurses' union demanded higher night-shift pay. "
                 "Equinor, the Norwegian energy company, backed the plan.\n"
                 "The union said it would strike unless talks resumed. "
                 "The company rejected a windfall tax.")
    assert [(s.actor, s.sector, s.stance) for s in found] == [
        ("NOR", "union", "demand"), ("NOR", "business", "support"),
        ("NOR", "union", "threaten"), ("NOR", "business", "reject")]


def test_a_union_named_near_a_state_does_not_become_that_state(nlp):
    found = _run("France and Spain disagree over the fishing quotas. "
                 "A fishermen's union said it rejected the new quotas.")
    union = [s for s in found if s.sector == "union"]
    assert len(union) == 1 and union[0].actor is None and union[0].stance == "reject"


def test_a_party_leader_speaks_for_the_party(nlp):
    s = _only("The leader of Hungary's Tisza party said a referendum on the euro was "
              "non-negotiable.")
    assert (s.actor, s.sector, s.stance) == ("HUN", "party", "red_line")


@pytest.mark.parametrize(("text", "stance", "issue"), [
    ("The council agreed to fix a date for parliamentary elections.", None,
     "parliamentary elections (date)"),
    ("Lawyers demanded the release of all detained journalists.", "demand",
     "release of detained journalists"),
    ("Seoul said it was willing to discuss a halt to artillery drills.", "offer", "halt to artillery drills"),
    ("Ankara insisted on the withdrawal of all foreign fighters.", "demand",
     "withdrawal of foreign fighters"),
])
def test_the_issue_is_the_noun_phrase_at_stake(nlp, text, stance, issue):
    found = [s for s in _run(text) if stance is None or s.stance == stance]
    assert found and found[0].issue == issue, [s.to_dict() for s in _run(text)]


def test_a_date_for_an_event_names_the_event_and_the_date(nlp):
    s = _run("The junta promised to announce a date for presidential elections.")[0]
    assert s.issue == "presidential elections (date)"


@pytest.mark.parametrize("text", [
    "Armenia said a corridor through its territory was out of the question.",
    "Manila said that any joint patrol with Chinese vessels was out of the question.",
    "The mayor said a fare rise above five percent was out of the question.",
])
def test_out_of_the_question_is_a_red_line_with_an_issue(nlp, text):
    s = _only(text)
    assert s.stance == "red_line" and s.issue


@pytest.mark.parametrize(("text", "condition"), [
    ("Hanoi would allow the survey only if the ship left the disputed waters.",
     "the ship left the disputed waters"),
    ("The union is ready to end the blockade provided that the fines are cancelled.",
     "the fines are cancelled"),
    ("Quito will keep the border open as long as the refugees are registered.",
     "the refugees are registered"),
    ("Lima said it would sign the accord without a clause on fishing rights.",
     "a clause on fishing rights"),
    ("Canberra offered to lower tariffs in exchange for access to the rare earths.",
     "access to the rare earths"),
    ("Warsaw warned it would close the crossings unless the smuggling stopped.",
     "the smuggling stopped"),
])
def test_conditions_are_kept(nlp, text, condition):
    found = _run(text)
    assert any(s.condition == condition for s in found), [s.to_dict() for s in found]


@pytest.mark.parametrize(("text", "when"), [
    ("NAIROBI, March 3 (Reuters) - Kenya rejected the plan on Monday.", "2026-03-02"),
    ("LIMA, Peru, Jan. 14, 2025 - Peru rejected the offer.", "2025-01-14"),
    ("GENEVA (Reuters) - Iran rejected the plan on Friday.", "2026-06-05"),
])
def test_datelines_date_the_article(nlp, text, when):
    day = None if "2025" in text else DAY
    if "March 3" in text:
        day = date(2026, 3, 3)  # the dateline gives the day; the year comes from the reference
    assert _only(text, day).date == when


def test_a_dateline_dates_an_article_with_no_other_date(nlp):
    from redline.news.dates import dateline

    assert dateline("ABUJA, May 4 (Reuters) - The bloc met.", date(2026, 11, 30)) == \
        date(2026, 5, 4)
    assert dateline("WASHINGTON (Reuters) - The bloc met.", date(2026, 11, 30)) is None
    assert dateline("KABUL, Dec. 30 - ...", date(2026, 1, 2)) == date(2025, 12, 30)
    # with no other date, the dateline dates the article (the latest May 4 not after today),
    # and "on Friday" is the Friday before it
    s = _only("ABUJA, May 4 (Reuters) - Nigeria rejected the plan on Friday.", None)
    day = dateline("ABUJA, May 4 -", date.today())
    assert day is not None and s.date is not None
    assert 0 <= (day - date.fromisoformat(s.date)).days < 7
    assert date.fromisoformat(s.date).weekday() == 4


@pytest.mark.parametrize("text", [
    "Sinn Fein urged both governments to uphold the Good Friday Agreement.",
    "Rome rejected the Easter Monday deadline reported by the Sunday Times.",
])
def test_named_agreements_and_holidays_are_not_dates(nlp, text):
    found = _run(text)
    assert found and all(s.date == DAY.isoformat() for s in found)


def test_shipped_lexicons_carry_their_notice_and_regenerate_from_the_dictionaries(tmp_path):
    import importlib.util
    from pathlib import Path

    from redline.news import lexicon
    from tests.conftest import shared_data_dir

    notice = (lexicon.FOLDER / "NOTICE").read_text(encoding="utf-8")
    assert "MIT" in notice or "Permission is hereby granted" in notice
    assert "CC BY-SA" in notice or "Attribution-ShareAlike" in notice
    assert lexicon.organisations()["economic community of west african states"].identity == \
        "ECOWAS"
    assert lexicon.agents()["trade union"] == "union"
    shared = shared_data_dir()
    phoenix = shared / "phoenix" if shared is not None else None
    if phoenix is None or not phoenix.is_dir():
        pytest.skip("../shared/data/phoenix is absent: cannot regenerate the lexicons")
    spec = importlib.util.spec_from_file_location(
        "build_lexicons", Path(__file__).resolve().parents[2] / "tools" / "build_lexicons.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.OUT = tmp_path
    build.main(phoenix)
    for path in sorted(lexicon.FOLDER.glob("*.tsv")) + [lexicon.FOLDER / "NOTICE"]:
        assert (tmp_path / path.name).read_text() == path.read_text(), path.name


def test_plover_scoring_sees_organisations_as_their_kind():
    from redline.news.gazetteer import plover_code

    assert [plover_code(c) for c in ("EU", "ECOWAS", "IAEA", "Red Cross", "IRN")] == \
        ["IGO", "IGO", "IGO", "NGO", "IRN"]


def test_an_organisation_after_a_lower_case_article_is_found():
    from redline.news.gazetteer import find_mentions

    found = find_mentions("Diplomats said the United Nations and the European Union agreed.")
    assert [(m.text, m.code) for m in found] == [("United Nations", "UN"),
                                                ("European Union", "EU")]


@pytest.mark.parametrize(("text", "rule"), [
    ("Oslo said it would ask the court to freeze the funds unless Reykjavik paid the fine.",
     "THR-UNLESS"),
    ("Hanoi said it would expel the survey ship from its waters.", "THR-INTENT"),
    ("Caracas said any new sanctions would be met with a strong response.", "THR-MET-WITH"),
])
def test_announced_acts_and_unless_are_threats(nlp, text, rule):
    s = _only(text)
    assert (s.stance, s.rule) == ("threaten", rule)


def test_a_passive_met_is_no_meeting(nlp):
    assert all(s.stance != "consult" for s in _run(
        "Rabat said the proposal had been met with silence in Algiers."))


def test_a_clause_that_will_not_be_reopened_is_a_red_line(nlp):
    s = _only("Tokyo said the fisheries annex would not be reopened.")
    assert (s.actor, s.stance) == ("JPN", "red_line") and "fisheries" in (s.issue or "")


def test_an_organisation_named_again_by_its_last_word(nlp):
    found = _run("The International Atomic Energy Agency met in Vienna on Monday.\n"
                 "The Agency urged Pyongyang to readmit its inspectors.")
    urge = [s for s in found if s.stance == "urge"]
    assert [(s.actor, s.addressee) for s in urge] == [("IAEA", "PRK")]


def test_coordinated_speakers_reported_with_they_each_speak(nlp):
    found = _run("Chile and Peru said they would recall their ambassadors unless Bolivia "
                 "reopened the pipeline.")
    assert sorted(s.actor for s in found if s.stance == "threaten") == ["CHL", "PER"]


def test_the_dateline_is_no_part_of_the_first_sentence(nlp):
    s = _only("KAMPALA, June 9 (Reuters) - Uganda's main teachers' union said it would "
              "strike unless salaries were paid.")
    assert (s.actor, s.sector, s.stance) == ("UGA", "union", "threaten")
    assert s.date == "2026-06-10"  # the dateline is not the statement's date: the article is


@pytest.mark.parametrize(("text", "actor", "sector"), [
    ("The Congress of Ghana Trade Unions backed the pay claim.", "GHA", "union"),
    ("The Anglican bishops' conference urged both sides to talk.", None, "civil society"),
    ("The Federation of Kenya Employers rejected the levy.", "KEN", "business"),
])
def test_bodies_take_the_sector_of_their_members(nlp, text, actor, sector):
    s = _only(text)
    assert (s.actor, s.sector) == (actor, sector)


def test_a_minister_without_a_state_speaks_for_the_state_of_the_article(nlp):
    found = _run("Peru's truckers blocked the highways on Monday.\n"
                 "The transport minister urged the drivers to accept the new tolls.")
    assert [(s.actor, s.stance) for s in found if s.stance == "urge"] == [("PER", "urge")]
