"""The build validates the extract once, and again only when something it depends on changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pace_qi.build.inputs import prepare_data
from pace_qi.project import ProjectSettings

AS_OF = dt.date(2019, 12, 1)


def test_validated_data_are_reused_until_the_extract_changes(tmp_path):
    extract = tmp_path / "extract.csv"
    extract.write_text("child_id,accommodated_date\nA,01/02/2019\nB,junk\n")
    settings = ProjectSettings(data=str(extract))
    first = prepare_data(settings, tmp_path / "work", as_of=AS_OF)
    assert (first.rows_read, first.rows_used, first.rows_with_errors) == (2, 2, 1)
    journeys = tmp_path / "work" / "data" / "journeys.parquet"
    stamp = journeys.stat().st_mtime_ns

    again = prepare_data(settings, tmp_path / "work", as_of=AS_OF)
    assert again == first
    assert journeys.stat().st_mtime_ns == stamp  # not validated again

    extract.write_text("child_id,accommodated_date\nA,01/02/2019\nB,03/04/2019\nC,x\n")
    changed = prepare_data(settings, tmp_path / "work", as_of=AS_OF)
    assert changed.sha256 != first.sha256
    assert (changed.rows_read, changed.rows_with_errors) == (3, 1)
    assert len(pd.read_parquet(changed.journeys_file)) == 3

    later = prepare_data(settings, tmp_path / "work", as_of=dt.date(2020, 1, 1))
    assert later.as_of == "2020-01-01"  # a new as-at date validates again


def test_demo_extract_is_synthetic_and_made_once(tmp_path):
    settings = ProjectSettings()
    first = prepare_data(settings, tmp_path, as_of=AS_OF)
    assert first.synthetic and "SYNTHETIC" in first.source_name
    demo = tmp_path / "data" / first.source_name
    stamp = demo.stat().st_mtime_ns
    assert prepare_data(settings, tmp_path, as_of=AS_OF) == first
    assert demo.stat().st_mtime_ns == stamp
    ids = pd.read_parquet(first.journeys_file)["child_id"]
    assert ids.str.startswith("SYNTHETIC-").all()
