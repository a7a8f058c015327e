"""The `mentorhub` command: serve, migrate, seed, create-admin, import, export-openapi,
generate-national."""

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from alembic import command

from api.config import PROJECT_ROOT, get_settings
from api.db import new_session

OPENAPI_PATH = PROJECT_ROOT / "openapi" / "openapi.json"


def migrate(_args: argparse.Namespace | None = None) -> None:
    from api.health.service import alembic_config

    command.upgrade(alembic_config(), "head")


def seed(args: argparse.Namespace) -> None:
    from api.demo.service import seed_demo

    if not args.demo:
        sys.exit("Say what to seed: mentorhub seed --demo")
    if get_settings().environment == "production":
        sys.exit("Refusing to seed demo accounts in production.")
    migrate()
    with new_session() as session:
        logins = seed_demo(session)
    if logins is None:
        print("Demo data is already there; its logins use the password 'mentorhub-demo'.")
        return
    print("Demo data created. Sign in at http://127.0.0.1:8000 with:")
    for login in logins:
        where = f" at {login.school}" if login.school else ""
        print(f"  {login.role:<12} {login.email:<38} {login.password}{where}")


def create_admin(args: argparse.Namespace) -> None:
    from api.auth.passwords import password_problems
    from api.org.people import create_first_admin

    problems = password_problems(args.password, args.email)
    if problems:
        sys.exit("Password " + "; ".join(problems))
    migrate()
    with new_session() as session:
        try:
            user = create_first_admin(session, args.email, args.password, args.trust)
        except ValueError as exc:
            sys.exit(str(exc))
        session.commit()
    print(f"Trust admin {user.email} created; they must change the password at first sign-in.")


def import_file(args: argparse.Namespace) -> None:
    from sqlmodel import select
    from tqdm import tqdm

    from api.auth.principals import load_user_principal
    from api.core.problems import ProblemError
    from api.mentoring.importing import import_csv
    from api.org.models import School, User

    text = Path(args.file).read_text(encoding="utf-8-sig")
    migrate()
    with new_session() as session:
        school = session.exec(select(School).where(School.urn == args.school)).first()
        actor = session.exec(select(User).where(User.email == args.as_user.lower())).first()
        if school is None or actor is None:
            sys.exit("Unknown school URN or --as account.")
        principal = load_user_principal(session, actor)
        with tqdm(total=max(text.count("\n") - 1, 1), unit="row", desc="Checking") as bar:

            def advance(done: int) -> None:
                bar.update(done - bar.n)

            try:
                report = import_csv(
                    session, principal, school.id, text, dry_run=args.dry_run, progress=advance
                )
            except ProblemError as exc:
                bar.close()
                for problem in exc.extra.get("import_errors", []):
                    print(f"line {problem['line']}, {problem['column']}: {problem['detail']}")
                sys.exit(exc.detail or exc.title)
            bar.update(bar.total - bar.n)
        for problem in report.errors:
            print(f"line {problem.line}, {problem.column}: {problem.detail}")
        if not args.dry_run:
            session.commit()
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {report.rows} rows: {report.people_created} new people, "
        f"{report.roles_added} roles, {report.mentor_profiles} mentor and "
        f"{report.mentee_profiles} mentee profiles, {report.pairings} pairings; "
        f"{len(report.errors)} problems."
    )
    if report.errors:
        sys.exit(1)


def _rss_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak, in MB (Linux)."""
    values = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def generate_national(args: argparse.Namespace) -> None:
    import time

    from tqdm import tqdm

    from api.db import get_engine
    from api.demo import national
    from api.org.school_year import academic_year_start

    if get_settings().environment == "production":
        sys.exit("Refusing to generate a benchmark dataset in production.")
    if args.scale <= 0:
        sys.exit("--scale must be above 0 (1 is the national size).")
    year = args.year or academic_year_start(date.today()) - 1
    plan = national.Plan(seed=args.seed, scale=args.scale, year=year)
    migrate()
    print(
        f"Generating {plan.schools:,} schools, {plan.mentees:,} mentees and "
        f"{plan.observations:,} observations over {year}/{(year + 1) % 100:02d} "
        f"from seed {plan.seed}"
    )
    marks = [0.1, 0.5, 1.0]
    memory: list[str] = []
    started = time.perf_counter()
    with tqdm(total=plan.observations, unit="obs", unit_scale=True, disable=args.quiet) as bar:

        def advance(done: int, total: int) -> None:
            bar.update(done - bar.n)
            while marks and done >= marks[0] * total:
                rss, peak = _rss_mb()
                memory.append(f"{marks.pop(0):.0%}: RSS {rss:.0f} MB, peak {peak:.0f} MB")

        try:
            summary = national.generate(get_engine(), plan, progress=advance)
        except national.DatabaseNotEmpty as exc:
            bar.close()
            sys.exit(str(exc))
    elapsed = time.perf_counter() - started
    print(
        f"Wrote {summary.trusts:,} trusts, {summary.schools:,} schools, "
        f"{summary.users:,} people, {summary.pairings:,} pairings and "
        f"{summary.observations:,} observations in {elapsed:.0f} s."
    )
    print("Memory as observations were written: " + "; ".join(memory))
    if args.client:
        client_id, secret = national.create_client(get_engine())
        print(f"Integration client for {national.BENCH_TRUST!r} (observations:read):")
        print(f"  client_id     {client_id}")
        print(f"  client_secret {secret}")


def load_resources(args: argparse.Namespace) -> None:
    from sqlmodel import select

    from api.org.models import Trust
    from api.resources.starter import load_starter_library

    migrate()
    with new_session() as session:
        trust = session.exec(select(Trust).where(Trust.name == args.trust)).first()
        if trust is None:
            sys.exit(f"No trust named {args.trust!r}.")
        loaded = load_starter_library(session, trust.id)
        session.commit()
    print(
        f"Starter library for {args.trust}: {loaded.added} references added, "
        f"{loaded.already_there} already there."
    )


def export_openapi(args: argparse.Namespace) -> None:
    from api.main import create_app

    spec = create_app().openapi()
    text = json.dumps(spec, indent=2, sort_keys=False) + "\n"
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    print(f"Wrote {target}")


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    if args.reload and args.workers > 1:
        sys.exit("--reload runs one process; leave out --workers.")
    migrate()
    uvicorn.run(
        "api.main:app",
        host=args.host,
        port=args.port,
        reload=args.reload,
        workers=args.workers,
        proxy_headers=True,
        log_config=None,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorhub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="migrate, then serve the API and the app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--reload", action="store_true", help="restart on code changes")
    p.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "1")),
        help="server processes (default $WEB_CONCURRENCY or 1); see the README",
    )
    p.set_defaults(func=serve)

    p = commands.add_parser("migrate", help="bring the database schema to the newest migration")
    p.set_defaults(func=migrate)

    p = commands.add_parser("seed", help="load demo data (once; safe to repeat)")
    p.add_argument("--demo", action="store_true")
    p.set_defaults(func=seed)

    p = commands.add_parser("create-admin", help="create a trust admin (and the trust)")
    p.add_argument("email")
    p.add_argument("--password", required=True)
    p.add_argument("--trust", default="My Trust", help="trust name; created when missing")
    p.set_defaults(func=create_admin)

    p = commands.add_parser("import", help="import staff, mentees and pairings from CSV")
    p.add_argument("file")
    p.add_argument("--school", required=True, help="the school's URN")
    p.add_argument(
        "--as",
        dest="as_user",
        required=True,
        help="email of the trust admin or school lead doing the import (audited)",
    )
    p.add_argument("--dry-run", action="store_true", help="check every row; write nothing")
    p.set_defaults(func=import_file)

    p = commands.add_parser(
        "generate-national",
        help="fill an empty database with a national-scale dataset for benchmarks",
    )
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--scale", type=float, default=1.0, help="1 is 22,000 schools; 0.01 a hundredth")
    p.add_argument(
        "--year",
        type=int,
        help="the year its school year starts in September (default: the last finished one)",
    )
    p.add_argument(
        "--client",
        action="store_true",
        help="also create an integration client for the 40-school trust and print its secret",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=generate_national)

    p = commands.add_parser(
        "load-resources", help="add the starter resource library to a trust (safe to repeat)"
    )
    p.add_argument("--trust", required=True, help="the trust's name")
    p.set_defaults(func=load_resources)

    p = commands.add_parser("export-openapi", help="write openapi/openapi.json")
    p.add_argument("--output", default=str(OPENAPI_PATH))
    p.set_defaults(func=export_openapi)
    return parser


def main(argv: list[str] | None = None) -> None:
    from api.domains import register_domains

    args = build_parser().parse_args(argv)
    register_domains()
    args.func(args)
