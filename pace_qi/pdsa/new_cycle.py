"""`pace-qi new-cycle`: start the next cycle of an aim's ramp from the previous one.

Why: the next cycle of a ramp usually tests the same change idea, adapted, against the same
measures. Copying those saves typing and keeps the ramp's measures consistent, while the parts
that must be thought afresh (plan dates, what is done, the predictions' words and numbers, the
decision) are left blank, so that `check` lists them until they are filled in. The file written
loads with `load_cycle`; it never replaces an existing file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pace_qi.aims import load_aims
from pace_qi.errors import ParameterFileError, UserFacingError
from pace_qi.pdsa.loading import load_cycle, load_cycles
from pace_qi.pdsa.record import Cycle

HEADER = """\
# PDSA cycle {id} of {aim}, started with `pace-qi new-cycle`{source}.
# Fill in before the cycle starts: plan (who, what, where, start, end, data_collection) and
# each prediction's statement with expected_percent or expected_weeks (one of the two).
# As it runs: do.observations and do.problems. At the end: study.narrative (optional; the
# report drafts one from the data) and act (decision: adopt, adapt or abandon; next_steps).
"""


class _BlankDumper(yaml.SafeDumper):
    """Writes None as an empty value (`start:`), which reads as "fill me in"."""


_BlankDumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def _aim_ids(folder: Path) -> set[str] | None:
    """The aim ids of the aims folder beside the PDSA folder (None when there is none)."""
    aims_folder = folder.parent / "aims"
    if not aims_folder.is_dir():
        return None
    return set(load_aims(aims_folder))


def _source(aim: str, from_cycle: str | None, cycles: dict[str, Cycle]) -> Cycle | None:
    """The cycle to copy: `from_cycle`, else the highest-numbered cycle of the aim."""
    if from_cycle is not None:
        chosen = cycles.get(from_cycle)
        if chosen is None:
            raise UserFacingError(f"no cycle '{from_cycle}' to copy from in the PDSA folder")
        if chosen.aim != aim:
            raise UserFacingError(f"cycle '{from_cycle}' belongs to {chosen.aim}, not to {aim}")
        return chosen
    ramp = [c for c in cycles.values() if c.aim == aim]
    return max(ramp, key=lambda c: c.cycle) if ramp else None


def next_cycle_record(aim: str, number: int, source: Cycle | None) -> dict[str, Any]:
    """The new record's content: copied header fields and measures, the rest left blank."""
    cycle_id = f"{aim}_cycle{number}"
    predictions = [
        {"measure": p.measure, "statement": None, "expected_percent": None}
        for p in (source.predictions if source is not None else [])
    ] or [{"measure": aim, "statement": None, "expected_percent": None}]
    plan = source.plan if source is not None else None
    return {
        "id": cycle_id,
        "aim": aim,
        "cycle": number,
        "title": source.title if source is not None else f"First test of change for {aim}",
        "change_idea": source.change_idea if source is not None else "",
        "objective": source.objective if source is not None else "",
        "questions": list(source.questions) if source is not None else [],
        "predictions": predictions,
        "plan": {
            "who": plan.who if plan is not None else None,
            "what": None,
            "where": plan.where if plan is not None else None,
            "start": None,
            "end": None,
            "data_collection": plan.data_collection if plan is not None else None,
        },
        "do": {"observations": None, "problems": None},
        "study": {"narrative": None},
        "act": {"decision": "pending", "next_steps": None, "next_cycle": None},
    }


def new_cycle_command(aim: str, from_cycle: str | None = None, folder: str = "params/pdsa") -> int:
    """Write `<folder>/<aim>_cycle<N>.yml`, N one more than the aim's highest cycle number
    (or than `from_cycle`'s), print its path and return 0.

    Raises `UserFacingError` (exit status 2) for an unknown aim or source cycle and when the
    file already exists.
    """
    path_folder = Path(folder)
    cycles = load_cycles(path_folder) if path_folder.is_dir() else {}
    known = _aim_ids(path_folder)
    in_ramps = {c.aim for c in cycles.values()}
    if (known is not None and aim not in known) or (known is None and aim not in in_ramps):
        listed = ", ".join(sorted(known if known is not None else in_ramps)) or "none found"
        raise UserFacingError(f"unknown aim '{aim}' (aims: {listed})")
    source = _source(aim, from_cycle, cycles)
    if from_cycle is not None and source is not None:
        number = source.cycle + 1
    else:
        number = max((c.cycle for c in cycles.values() if c.aim == aim), default=0) + 1
    record = next_cycle_record(aim, number, source)
    path = path_folder / f"{record['id']}.yml"
    if path.exists():
        raise UserFacingError(f"{path} already exists; not overwriting it")
    copied = f" from {source.id}" if source is not None else ""
    body = yaml.dump(record, Dumper=_BlankDumper, sort_keys=False, allow_unicode=True, width=88)
    text = HEADER.format(id=record["id"], aim=aim, source=copied) + body
    path_folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    try:
        load_cycle(path)
    except ParameterFileError:
        path.unlink()
        raise
    print(path)
    return 0
