"""``autograder``: the instructor's commands, on top of nbgrader.

    autograder release  [ASSIGNMENT ...] [--check]      student versions into release/ (or check they are fresh)
    autograder validate [ASSIGNMENT ...] [--mutants]    sources pass, student versions fail every graded cell
    autograder grade    ASSIGNMENT SUBMISSIONS [--workers N | --scheduler tcp://H:P] [--no-sandbox]
                                                        autograde a folder of submissions into the gradebook
    autograder feedback ASSIGNMENT [--student S ...]    per-student HTML feedback (no hidden tests)
    autograder export   ASSIGNMENT --to grades.csv [--format canvas]   grades as CSV (or Canvas gradebook CSV)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.course import Course

MUTANTS_DIR = Path("tests") / "mutants"
USAGE_ERROR = 2  # exit status for input the instructor must fix (argparse uses the same)


def _course(args) -> Course:
    return Course(repo=args.repo, workdir=args.workdir, cell_timeout=args.timeout)


def _default_repo() -> Path:
    """The course repository: the current directory when it has notebooks/, else this checkout."""
    from autograder.course import REPO_ROOT

    return Path.cwd() if (Path.cwd() / "notebooks").is_dir() else REPO_ROOT


def cmd_release(args) -> int:
    from autograder.release import release, stale_files

    course = _course(args)
    assignments = args.assignments or course.assignments()
    if args.check:
        stale = stale_files(course, assignments)
        for line in stale:
            print(line)
        if stale:
            print("release/ is stale: run `autograder release` and commit the result.", file=sys.stderr)
            return 1
        print(f"release/ is up to date for {', '.join(assignments)}")
        return 0
    for folder in release(course, assignments):
        print(f"released {folder.relative_to(course.repo)}: {len(list(folder.glob('*.ipynb')))} notebook(s)")
    return 0


def cmd_validate(args) -> int:
    from autograder.validate import validate

    course = _course(args)
    mutants = course.repo / MUTANTS_DIR if args.mutants else None
    findings = []
    for assignment in args.assignments or course.assignments():
        findings += validate(course, assignment, args.notebook, mutants_dir=mutants)
    for finding in findings:
        print(f"\n{finding}", file=sys.stderr)
    print(f"\n{len(findings)} problem(s)" if findings else "\nvalidate: all checks hold")
    return 1 if findings else 0


def _sandbox(args):
    from autograder.sandbox import SandboxPolicy, SandboxUnavailable, require_bwrap

    if not args.sandbox:
        return None
    try:
        require_bwrap()
    except SandboxUnavailable as exc:
        raise SystemExit(str(exc))
    return SandboxPolicy(memory_mb=args.memory, cpu_seconds=args.cpu_time, file_mb=args.file_size,
                         processes=args.processes)


def cmd_grade(args) -> int:
    if args.scheduler is None:
        from autograder.preloaded import warm_up

        warm_up()  # the job server's imports overlap ours and the template gradebook's
    from autograder.grade import check_input, grade

    check_input(_course(args), args.assignment, Path(args.submissions))  # bad input: one line, before any work

    results = grade(_course(args), args.assignment, Path(args.submissions), workers=args.workers,
                    scheduler=args.scheduler, submission_timeout=args.submission_timeout,
                    sandbox=_sandbox(args), progress=not args.no_progress)
    zeroed = sum(bool(r.problems or r.error) for r in results)
    print(f"graded {len(results)} submission(s); {zeroed} with zeroed notebooks (see the export's reason column)")
    return 0


def cmd_feedback(args) -> int:
    from autograder.feedback import feedback

    feedback(_course(args), args.assignment, args.student)
    return 0


def cmd_export(args) -> int:
    from autograder.export import export

    from autograder.export import reasons_path

    path = export(_course(args), args.assignment, Path(args.to), format=args.format, canvas_id=args.canvas_id)
    print(f"wrote {path}" + (f" and the reasons to {reasons_path(path)}" if args.format == "canvas" else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--repo", type=Path, default=_default_repo(),
                        help="course repository holding notebooks/ and release/ (default: the current "
                             "directory if it has notebooks/, else this checkout)")
    common.add_argument("--workdir", type=Path, default=None,
                        help="nbgrader course root for gradebook.db, submitted/, autograded/, feedback/ "
                             "(default: the repository root)")
    common.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    common.add_argument("--profile", choices=["fast", "full"], default="fast",
                        help="AIPATH_PROFILE for executed notebooks (default fast: same code, small sizes)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("release", parents=[common], help="generate student versions into release/")
    p.add_argument("assignments", nargs="*", help="default: every assignment with notebooks")
    p.add_argument("--check", action="store_true", help="exit 1 if release/ differs from a fresh generation")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("validate", parents=[common], help="sources pass; student versions fail every graded cell")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--notebook", action="append", help="only this notebook (stem, repeatable)")
    p.add_argument("--mutants", action="store_true",
                   help=f"also run the plausible wrong answers in {MUTANTS_DIR}/<assignment>/<notebook>.py")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("grade", parents=[common], help="autograde a folder of submissions")
    p.add_argument("assignment")
    p.add_argument("submissions", help="folder of <student_id>/<notebook>.ipynb")
    p.add_argument("--workers", type=int, default=1,
                   help="submissions graded at once on this machine, each in its own process (default 1)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="grade on this Dask distributed cluster instead of local workers")
    p.add_argument("--submission-timeout", type=float, default=1800.0,
                   help="seconds allowed per submission, kernel start included; then it scores 0 (default 1800)")
    p.add_argument("--sandbox", action=argparse.BooleanOptionalAction, default=True,
                   help="run student code inside bubblewrap with no network, hidden grader files, its own uid "
                        "and rlimits (default on; see autograder/SANDBOX.md)")
    p.add_argument("--memory", type=int, default=4096, help="sandbox: MiB of memory a process may write to (RLIMIT_DATA; default 4096)")
    p.add_argument("--cpu-time", type=int, default=1800, help="sandbox: CPU seconds per process (default 1800)")
    p.add_argument("--file-size", type=int, default=512, help="sandbox: MiB per written file (default 512)")
    p.add_argument("--processes", type=int, default=256,
                   help="sandbox: processes and threads per student (default 256)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("feedback", parents=[common], help="per-student HTML feedback")
    p.add_argument("assignment")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("export", parents=[common], help="grades as CSV")
    p.add_argument("assignment")
    p.add_argument("--to", required=True, help="CSV file to write")
    p.add_argument("--format", choices=["csv", "canvas"], default="csv",
                   help="csv: scores per notebook and reasons for zeros (default); canvas: Canvas gradebook import")
    p.add_argument("--canvas-id", help="Canvas assignment id for the canvas column header '<assignment> (<id>)'")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    import warnings

    # nbgrader 0.9.6 with SQLAlchemy 2.1 warns "Object of type <SubmittedAssignment> not in session"
    # on every autograde; grades are correct (checked by tests/test_grading_e2e.py).
    warnings.filterwarnings("ignore", message=".*not in session.*")
    args = build_parser().parse_args(argv)
    os.environ["AIPATH_PROFILE"] = args.profile
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        return args.func(args)
    except SystemExit as exc:  # raised with a message: bad input, say what to fix (argparse's own code: 2)
        if not isinstance(exc.code, str):
            raise
        print(f"autograder {args.command}: {exc.code}", file=sys.stderr)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
