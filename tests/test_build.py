"""End to end: `pace-qi build` on the SYNTHETIC demo, as `make report` runs it.

One full build (module fixture) is checked from every side: statuses, the index, offline
HTML, no code in governance reports, recorded numbers against the engine, the cache, and
privacy (no child identifier, pseudonym, date of birth or per-child date in governance HTML).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from pace_qi.aims import evaluate, load_aims, summarise
from pace_qi.cli import main
from pace_qi.pseudonyms import load_or_create_key, pseudonymise
from pace_qi.record import read_records

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
URL_IN_ATTRIBUTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
DATA_URI = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    code = main(["build", "--out", str(out), "--params", str(PARAMS)])
    manifest = json.loads((out / "manifest.json").read_text())
    return out, code, manifest


def html_files(out: Path, audience: str | None = None) -> list[Path]:
    folder = out / audience if audience else out
    return sorted(folder.rglob("*.html"))


def test_every_job_is_ok_and_the_exit_status_is_zero(built):
    out, code, manifest = built
    assert code == 0
    statuses = {(j["audience"], j["name"]): j["status"] for j in manifest["jobs"]}
    assert set(statuses.values()) == {"ok"}, statuses
    names = {name for _, name in statuses}
    aims = {p.stem for p in (PARAMS / "aims").glob("*.yml")}
    cycles = {yaml.safe_load(p.read_text())["id"] for p in (PARAMS / "pdsa").glob("*.yml")}
    assert aims | {"overview", "data_quality", "reminders"} <= names
    for audience in ("governance", "internal"):  # one report per PDSA cycle and audience
        assert {f"pdsa_{c}" for c in cycles} <= {n for a, n in statuses if a == audience}
    assert ("governance", "data_quality") not in statuses
    assert ("governance", "reminders") not in statuses


def test_the_indexes_link_every_report(built):
    out, _, manifest = built
    top = (out / "index.html").read_text()
    for job in manifest["jobs"]:
        assert f'href="{job["html"]}"' in top
        assert (out / job["html"]).is_file()
        folder_index = (out / job["audience"] / "index.html").read_text()
        assert f'href="{Path(job["html"]).name}"' in folder_index


def test_no_external_url_in_any_html(built):
    out, _, _ = built
    for path in html_files(out):
        text = path.read_text()
        assert not URL_IN_ATTRIBUTE.search(text), f"{path} links outside"
        assert "<script src" not in text


def test_governance_reports_hold_no_code_and_no_tracebacks(built):
    out, _, _ = built
    for path in html_files(out, "governance"):
        text = path.read_text()
        for css_class in ("jp-InputArea-editor", "jp-InputPrompt", "highlight"):
            assert not re.search(rf'class="[^"]*\b{css_class}\b', text), (css_class, path.name)
        for marker in ("from pace_qi", "ReportContext.open", "Traceback",
                       "injected-parameters", "papermill-error"):
            assert marker not in text, f"{marker} in {path.name}"


def test_every_report_says_synthetic_and_has_alt_text(built):
    out, _, _ = built
    for path in html_files(out):
        text = path.read_text()
        assert "SYNTHETIC" in text, path
        for alt in re.findall(r'<img alt="([^"]*)"', text):
            assert len(alt) > 20, f"{path.name}: missing alt text"


def test_recorded_headlines_equal_the_engine(built):
    out, _, _ = built
    journeys = pd.read_parquet(out / "_work" / "data" / "journeys.parquet")
    for aim_id, aim in load_aims(PARAMS / "aims").items():
        expected = summarise(evaluate(journeys, aim, "2019-12-01"), aim)
        records = read_records(str(out / "_work" / "notebooks" / "internal" / f"{aim_id}.ipynb"))
        for key in ("n_cohort", "n_met", "n_not_met", "n_pending", "n_exited"):
            assert records[key] == expected[key], (aim_id, key)
        if expected["percent_met"] is None:
            assert records["percent_met"] is None
        else:
            assert records["percent_met"] == pytest.approx(expected["percent_met"], rel=1e-12)


def test_a_second_build_is_all_cached(built):
    out, _, _ = built
    assert main(["build", "--out", str(out), "--params", str(PARAMS)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert {j["status"] for j in manifest["jobs"]} == {"cached"}


def _dates_as_written(dates: pd.Series) -> set[str]:
    """Every way a report could print a date: ISO, UK numeric, '4 Mar 2018', '4 March 2018'."""
    stamps = pd.to_datetime(dates.dropna().unique())
    texts: set[str] = set()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y"):
        texts |= set(stamps.strftime(fmt))
    texts |= {f"{s.day} {s:%b %Y}" for s in stamps} | {f"{s.day} {s:%B %Y}" for s in stamps}
    return texts


def _published_dates() -> set[str]:
    """Dates printed because the parameter files say them (aim dates, PDSA plans)."""
    found: set[str] = set()
    for path in PARAMS.rglob("*.yml"):
        found |= set(re.findall(r"\d{4}-\d{2}-\d{2}", path.read_text()))
    return _dates_as_written(pd.Series(sorted(found) + ["2019-12-01"]))


def test_governance_html_identifies_no_child(built):
    out, _, _ = built
    journeys = pd.read_parquet(out / "_work" / "data" / "journeys.parquet")
    ids = journeys["child_id"].astype(str)
    key = load_or_create_key(PARAMS.parent / ".pace_qi_key")
    forbidden = set(ids) | set(journeys["episode_id"].astype(str))
    forbidden |= set(pseudonymise(ids, key))
    date_columns = [c for c in journeys.columns if c.endswith("_date")]
    per_child = pd.concat([journeys[c] for c in date_columns], ignore_index=True)
    forbidden |= _dates_as_written(per_child) - _published_dates()
    assert len(forbidden) > 500  # the scan really has something to look for
    for path in html_files(out, "governance"):
        text = DATA_URI.sub("", path.read_text())
        hits = sorted(f for f in forbidden
                      if f in text and re.search(rf"(?<!\d){re.escape(f)}(?!\d)", text))
        assert not hits, f"{path.name} shows {hits[:5]}"


def test_internal_reports_use_pseudonyms_not_child_ids(built):
    out, _, _ = built
    journeys = pd.read_parquet(out / "_work" / "data" / "journeys.parquet")
    ids = set(journeys["child_id"].astype(str))
    for path in html_files(out, "internal"):
        text = DATA_URI.sub("", path.read_text())
        assert not [i for i in ids if i in text], path.name
    assert "C-" in (out / "internal" / "reminders.html").read_text()


def test_a_broken_job_fails_alone(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    broken = nbformat.read(notebooks / "reminders.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("deliberately broken")'))
    nbformat.write(broken, notebooks / "reminders.ipynb")
    out = tmp_path / "out"
    code = main(["build", "--out", str(out), "--params", str(PARAMS), "--notebooks",
                 str(notebooks), "--audience", "internal", "--only", "reminders,data_quality"])
    assert code == 1
    jobs = {j["name"]: j for j in json.loads((out / "manifest.json").read_text())["jobs"]}
    assert jobs["data_quality"]["status"] == "ok"
    assert jobs["reminders"]["status"] == "failed"
    assert "RuntimeError: deliberately broken" in jobs["reminders"]["error"]
    assert not (out / "internal" / "reminders.html").exists()
    assert (out / "internal" / "data_quality.html").exists()
    assert "failed: cell" in (out / "internal" / "index.html").read_text()
