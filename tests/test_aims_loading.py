"""Aim and measure parameter files: Moray's aims load as specified; mistakes get one message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pace_qi.aims import (
    CompletionAim,
    IntervalAim,
    IntervalMeasure,
    load_aim,
    load_aims,
    load_measures,
)
from pace_qi.errors import ParameterFileError

PARAMS = Path(__file__).resolve().parents[1] / "params"


def test_moray_aims_load_in_file_order_with_the_specified_values():
    aims = load_aims(PARAMS / "aims")
    assert list(aims) == ["aim1", "aim2", "aim3", "aim4"]
    aim1, aim2, aim3, aim4 = aims.values()

    assert isinstance(aim1, CompletionAim)
    assert (aim1.start, aim1.event) == ("home_supervision_start_date", "home_audit_date")
    assert (aim1.eligible_after_weeks, aim1.grace_weeks) == (104, 6)
    assert aim1.cohort.start_on_or_after == dt.date(2018, 6, 1)
    assert (aim1.target.percent, aim1.target.by) == (100, dt.date(2018, 9, 30))

    assert isinstance(aim2, IntervalAim)
    assert (aim2.start, aim2.end) == ("accommodated_date", "permanence_recommendation_date")
    assert (aim2.within_weeks, aim2.guidance_weeks, aim2.reminder_weeks) == (30, 24, 15)
    assert aim2.cohort.start_on_or_after == dt.date(2019, 2, 1)
    assert aim2.cohort.where == {}
    assert (aim2.target.percent, aim2.target.by) == (85, dt.date(2019, 12, 1))

    assert (aim3.start, aim3.end, aim3.within_weeks, aim3.guidance_weeks) == (
        "permanence_recommendation_date", "panel_date", 15, 12
    )
    assert aim3.cohort.where == {"permanence_recommendation": ["away_from_home"]}
    assert aim3.cohort.start_on_or_after == dt.date(2018, 2, 1)
    assert aim3.target.percent == 60

    assert (aim4.start, aim4.end, aim4.within_weeks, aim4.guidance_weeks) == (
        "adm_decision_date", "application_lodged_date", 16, 14
    )
    assert aim4.cohort.where == {
        "permanence_route": ["permanence_order", "permanence_order_authority_to_adopt"]
    }
    for aim in aims.values():
        assert aim.title and aim.statement and aim.name
        assert aim.improvement == "increase"


def test_process_measures_load_with_guidance_weeks_and_no_target():
    measures = load_measures(PARAMS / "measures")
    assert list(measures) == [
        "stage_accommodation_to_recommendation",
        "stage_recommendation_to_panel",
        "stage_panel_to_adm",
        "stage_adm_to_lodged",
        "planning_meeting_2wk",
    ]
    weeks = {key: m.within_weeks for key, m in measures.items()}
    assert weeks == {
        "stage_accommodation_to_recommendation": 24,
        "stage_recommendation_to_panel": 12,
        "stage_panel_to_adm": 2,
        "stage_adm_to_lodged": 14,
        "planning_meeting_2wk": 2,
    }
    planning = measures["planning_meeting_2wk"]
    assert (planning.start, planning.end) == ("meeting_72h_date", "planning_meeting_date")
    assert all(type(m) is IntervalMeasure for m in measures.values())


def _write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _aim2(**changes) -> dict:
    data = yaml.safe_load((PARAMS / "aims" / "aim2.yml").read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _message(path: Path) -> str:
    with pytest.raises(ParameterFileError) as caught:
        load_aim(path)
    return str(caught.value)


def test_misspelt_key_is_named_with_a_suggestion(tmp_path):
    data = _aim2()
    data["within_weks"] = data.pop("within_weeks")
    path = _write(tmp_path, "aim2.yml", data)
    message = _message(path)
    assert message.startswith(f"{path}: key 'within_weks' is not allowed")
    assert "did you mean 'within_weeks'?" in message


def test_misspelt_nested_key_suggests_from_the_nested_section(tmp_path):
    data = _aim2(cohort={"start_on_or_afer": "2019-02-01"})
    message = _message(_write(tmp_path, "aim2.yml", data))
    assert "key 'cohort.start_on_or_afer' is not allowed" in message
    assert "did you mean 'start_on_or_after'?" in message


def test_missing_key_is_named(tmp_path):
    data = _aim2()
    del data["end"]
    path = _write(tmp_path, "aim2.yml", data)
    assert _message(path) == f"{path}: key 'end' is missing"


def test_wrong_type_is_named_with_the_value(tmp_path):
    message = _message(_write(tmp_path, "aim2.yml", _aim2(within_weeks="thirty")))
    assert "key 'within_weeks' should be a number, not 'thirty'" in message


def test_wrong_date_is_named(tmp_path):
    data = _aim2(target={"percent": 85, "by": "1 Dec 2019"})
    message = _message(_write(tmp_path, "aim2.yml", data))
    assert "key 'target.by' should be a date written YYYY-MM-DD" in message


def test_unknown_column_is_named_with_a_suggestion(tmp_path):
    message = _message(_write(tmp_path, "aim2.yml", _aim2(start="accommodated")))
    assert "key 'start': unknown column 'accommodated'" in message
    assert "did you mean 'accommodated_date'?" in message


def test_extra_date_columns_are_allowed(tmp_path):
    aim = load_aim(_write(tmp_path, "aim2.yml", _aim2(start="meeting_72h_date")))
    assert aim.start == "meeting_72h_date"


def test_unknown_where_column_and_code_are_named(tmp_path):
    bad_column = _aim2(cohort={"start_on_or_after": "2019-02-01", "where": {"route": "x"}})
    message = _message(_write(tmp_path, "a.yml", bad_column))
    assert "key 'cohort.where': unknown column 'route'" in message
    bad_code = _aim2(
        cohort={"start_on_or_after": "2019-02-01", "where": {"permanence_route": ["adoptoin"]}}
    )
    message = _message(_write(tmp_path, "b.yml", bad_code))
    assert "'adoptoin' is not a code of permanence_route" in message
    assert "did you mean 'adoption'?" in message


def test_kind_must_be_given_and_known(tmp_path):
    data = _aim2()
    del data["kind"]
    assert "key 'kind' is missing" in _message(_write(tmp_path, "a.yml", data))
    assert "not 'intervals'" in _message(_write(tmp_path, "b.yml", _aim2(kind="intervals")))


def test_an_aim_needs_a_target_but_a_measure_must_not_have_one(tmp_path):
    data = _aim2()
    del data["target"]
    assert "key 'target' is missing" in _message(_write(tmp_path, "aim2.yml", data))
    folder = tmp_path / "measures"
    folder.mkdir()
    _write(folder, "m.yml", _aim2())
    with pytest.raises(ParameterFileError, match="key 'target' is not allowed"):
        load_measures(folder)


def test_yaml_that_is_not_a_mapping_or_not_yaml(tmp_path):
    text = tmp_path / "a.yml"
    text.write_text("just some words\n", encoding="utf-8")
    assert "expected keys and values" in _message(text)
    broken = tmp_path / "b.yml"
    broken.write_text("id: [aim2\n", encoding="utf-8")
    assert "not valid YAML" in _message(broken)


def test_folder_order_is_natural_and_ids_are_unique(tmp_path):
    for number in (10, 2, 1):
        _write(tmp_path, f"aim{number}.yml", _aim2(id=f"aim{number}"))
    assert list(load_aims(tmp_path)) == ["aim1", "aim2", "aim10"]
    _write(tmp_path, "aim11.yml", _aim2(id="aim2"))
    with pytest.raises(ParameterFileError, match="'aim2', already used by"):
        load_aims(tmp_path)


def test_unquoted_yaml_code_is_explained(tmp_path):
    """YAML reads `team: 012` as the number 10: the message says to quote it, once."""
    text = (PARAMS / "aims" / "aim2.yml").read_text().replace(
        "  start_on_or_after: 2019-02-01",
        "  start_on_or_after: 2019-02-01\n  where:\n    team: 012",
    )
    path = tmp_path / "aim2.yml"
    path.write_text(text)
    with pytest.raises(ParameterFileError) as info:
        load_aim(path)
    message = str(info.value)
    assert "key 'cohort.where.team' should be text, not 10" in message
    assert "put the value in quotes" in message
    assert "more problem" not in message
