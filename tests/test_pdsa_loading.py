"""Reading PDSA cycle files: valid records load; each mistake names the file and the field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from _pdsa_cases import record

from pace_qi.errors import ParameterFileError
from pace_qi.pdsa import load_cycle, load_cycles


def write(folder: Path, name: str, data: dict | str) -> Path:
    path = folder / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, data: dict | str) -> str:
    path = write(tmp_path, "aim3_cycle1.yml", data)
    with pytest.raises(ParameterFileError) as caught:
        load_cycle(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    return message


def test_a_complete_record_loads_with_typed_fields(tmp_path):
    text = yaml.safe_dump(record(), sort_keys=False).replace("'2018-09-03'", "2018-09-03")
    cycle = load_cycle(write(tmp_path, "c.yml", text))
    assert cycle.plan.start == dt.date(2018, 9, 3)
    assert cycle.plan.end == dt.date(2018, 10, 26)
    assert cycle.predictions[0].measure == "pm"
    assert cycle.predictions[0].expected_percent == 80.0
    assert cycle.act.decision == "adapt"
    assert cycle.label == "PDSA 1: 2-week planning meeting"


def test_unquoted_yaml_dates_and_a_quoted_cycle_number_are_accepted(tmp_path):
    text = (
        "id: aim3_cycle3\naim: aim3\ncycle: '3'\ntitle: T\n"
        "plan:\n  start: 2019-09-23\n  end: 2019-12-20\n"
    )
    cycle = load_cycle(write(tmp_path, "c.yml", text))
    assert cycle.cycle == 3
    assert cycle.plan.start == dt.date(2019, 9, 23)


def test_do_study_act_and_predictions_may_be_left_out_before_the_cycle_runs(tmp_path):
    minimal = {"id": "x", "aim": "aim1", "cycle": 1, "title": "T"}
    cycle = load_cycle(write(tmp_path, "c.yml", minimal))
    assert cycle.predictions == []
    assert cycle.act.decision is None
    assert cycle.study.narrative is None
    assert cycle.plan.start is None
    assert not cycle.decided


def test_unknown_top_level_field_suggests_the_right_name(tmp_path):
    data = record()
    data["predictons"] = data.pop("predictions")
    message = error_for(tmp_path, data)
    assert "field 'predictons' is not allowed; did you mean 'predictions'?" in message


def test_unknown_nested_field_is_named_with_its_section(tmp_path):
    data = record()
    data["plan"]["strat"] = data["plan"].pop("start")
    message = error_for(tmp_path, data)
    assert "field 'plan.strat' is not allowed; did you mean 'start'?" in message


def test_missing_required_field(tmp_path):
    data = record()
    del data["title"]
    assert "field 'title' is missing" in error_for(tmp_path, data)


def test_wrong_type_of_a_plan_date(tmp_path):
    message = error_for(tmp_path, record(**{"plan.start": "soon"}))
    assert "field 'plan.start' should be a date written YYYY-MM-DD, not 'soon'" in message


def test_wrong_type_inside_a_prediction_counts_positions_from_one(tmp_path):
    message = error_for(tmp_path, record(**{"predictions.0.expected_percent": "lots"}))
    assert "field 'predictions[1].expected_percent' should be a number" in message


def test_a_cycle_number_that_is_not_a_whole_number(tmp_path):
    message = error_for(tmp_path, record(cycle="third"))
    assert "field 'cycle' should be a whole number, not 'third'" in message


def test_unknown_decision_lists_the_allowed_ones(tmp_path):
    message = error_for(tmp_path, record(**{"act.decision": "keep"}))
    assert "field 'act.decision' should be one of adopt, adapt, abandon, pending" in message


def test_percent_out_of_range(tmp_path):
    message = error_for(tmp_path, record(**{"predictions.0.expected_percent": 120}))
    assert "predictions[1].expected_percent" in message


def test_both_expectations_at_once_are_refused(tmp_path):
    message = error_for(tmp_path, record(**{"predictions.0.expected_weeks": 2}))
    assert "give expected_percent or expected_weeks, not both" in message


def test_more_problems_are_counted(tmp_path):
    data = record(cycle="third", **{"plan.start": "soon"})
    assert re.search(r"\(and 1 more problem\(s\) in this file\)", error_for(tmp_path, data))


def test_not_yaml_and_not_a_mapping(tmp_path):
    assert "not valid YAML" in error_for(tmp_path, "id: [unclosed\n")
    assert "expected keys and values" in error_for(tmp_path, "- just\n- a list\n")


def test_load_cycles_reads_a_folder_in_natural_file_order(tmp_path):
    for number in (10, 2, 1):
        write(tmp_path, f"aim3_cycle{number}.yml", record(id=f"aim3_cycle{number}", cycle=number))
    assert list(load_cycles(tmp_path)) == ["aim3_cycle1", "aim3_cycle2", "aim3_cycle10"]


def test_load_cycles_refuses_an_id_used_twice(tmp_path):
    write(tmp_path, "a.yml", record())
    second = write(tmp_path, "b.yml", record())
    expected = re.escape(f"{second}: field 'id' is 'aim3_cycle1'")
    with pytest.raises(ParameterFileError, match=expected):
        load_cycles(tmp_path)


def test_load_cycles_empty_folder_is_no_cycles_but_a_missing_folder_is_an_error(tmp_path):
    assert load_cycles(tmp_path) == {}
    with pytest.raises(ParameterFileError, match="folder not found"):
        load_cycles(tmp_path / "nowhere")


def test_missing_file(tmp_path):
    with pytest.raises(ParameterFileError, match="file not found"):
        load_cycle(tmp_path / "absent.yml")
