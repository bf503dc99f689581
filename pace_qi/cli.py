"""The `pace-qi` command line: one subcommand per job a QI team does.

Each subcommand parses its options here and hands over to the module that knows the job, so
this file stays a table of contents. A `UserFacingError` becomes one line on stderr and its exit
status; a developer's bug still shows its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence

from pace_qi import __version__
from pace_qi.errors import UserFacingError


def _date(text: str) -> dt.date:
    """Parse an ISO date given on the command line (e.g. 2019-12-01)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2019-12-01"
        ) from exc


def _cmd_validate(args: argparse.Namespace) -> int:
    from pace_qi.data.command import validate_command

    return validate_command(args.path, args.mapping, args.as_of, args.report)


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from pace_qi.demo import demo_data_command

    return demo_data_command(args.out, seed=args.seed, as_of=args.as_of, faults=args.faults)


def _cmd_reminders(args: argparse.Namespace) -> int:
    from pace_qi.reminders import reminders_command

    return reminders_command(
        data=args.data, mapping=args.mapping, as_of=args.as_of, out=args.out
    )


def _cmd_build(args: argparse.Namespace) -> int:
    from pace_qi.build import build_command

    return build_command(args)


def _cmd_new_cycle(args: argparse.Namespace) -> int:
    from pace_qi.pdsa import new_cycle_command

    return new_cycle_command(aim=args.aim, from_cycle=args.from_cycle, folder=args.folder)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, separate from `main` so that tests can inspect it."""
    parser = argparse.ArgumentParser(
        prog="pace-qi",
        description="PACE permanence quality improvement: from a data extract to reports.",
    )
    parser.add_argument("--version", action="version", version=f"pace-qi {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_: str):
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    p = add("validate", _cmd_validate, "Check a data extract and list every problem by row.")
    p.add_argument("path", help="the extract (.csv or .xlsx)")
    p.add_argument("--mapping", help="YAML file mapping your columns and codes to pace-qi's")
    p.add_argument("--as-of", type=_date, help="data as-at date, YYYY-MM-DD (default today)")
    p.add_argument("--report", help="write every problem to this CSV file")

    p = add("demo-data", _cmd_demo_data, "Write SYNTHETIC demo data in the canonical form.")
    p.add_argument("out", help="the CSV file to write")
    p.add_argument("--seed", type=int, default=2019, help="random seed (default 2019)")
    p.add_argument(
        "--as-of", type=_date, default=dt.date(2019, 12, 1), help="as-at date (default 2019-12-01)"
    )
    p.add_argument("--faults", action="store_true", help="inject realistic data problems")

    p = add("reminders", _cmd_reminders, "List the timeline checkpoints due for each child.")
    p.add_argument("--data", help="the extract (default: the built-in SYNTHETIC demo data)")
    p.add_argument("--mapping", help="YAML file mapping your columns and codes to pace-qi's")
    p.add_argument("--as-of", type=_date, help="as-at date, YYYY-MM-DD")
    p.add_argument("--out", help="write the list to this .csv or .xlsx file")

    p = add("build", _cmd_build, "Run every report notebook and render the HTML reports.")
    p.add_argument("--data", help="the extract (default: params/project.yml, else the demo)")
    p.add_argument("--mapping", help="YAML file mapping your columns and codes to pace-qi's")
    p.add_argument("--as-of", type=_date, help="as-at date, YYYY-MM-DD")
    p.add_argument("--out", default="outputs", help="output folder (default outputs)")
    p.add_argument("--jobs", type=int, help="parallel jobs (default: number of cores)")
    p.add_argument("--force", action="store_true", help="rerun every job, ignoring the cache")
    p.add_argument("--only", help="run only the jobs whose name contains this text "
                   "(several: separate with commas)")
    p.add_argument(
        "--audience",
        choices=("governance", "internal", "all"),
        default="all",
        help="which audience's reports to build (default all)",
    )
    p.add_argument("--params", default="params", help="the parameter folder (default params)")
    p.add_argument("--notebooks", help="the report notebooks' folder (default: pace-qi's own)")

    p = add("new-cycle", _cmd_new_cycle, "Start the next PDSA cycle's record for an aim.")
    p.add_argument("--aim", required=True, help="the aim id, e.g. aim3")
    p.add_argument("--from", dest="from_cycle", help="the cycle to copy from, e.g. aim3_cycle3")
    p.add_argument("--folder", default="params/pdsa", help="the PDSA folder (default params/pdsa)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pace-qi` script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UserFacingError as exc:
        print(f"pace-qi: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("pace-qi: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
