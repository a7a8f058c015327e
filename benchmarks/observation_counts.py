"""The MIS observation-counts API on the national dataset (22,000 schools, 85,000 mentees,
3.5 million observations), on SQLite and PostgreSQL, each figure beside its anchor:

- one school's term grouped by mentee: p50/p95 through HTTP, and the same query in raw SQL;
- a 40-school trust's term grouped by week: the same two;
- the endpoint's requests/s (wrk, one school's term by mentee) as a share of the bare FastAPI
  route of its kind, served at the same time by the same uvicorn;
- the server's RSS while it streams the CSV of the 40-school trust's whole year, and, when this
  run generates the dataset, the generator's time and RSS as it runs.

The dataset is generated with `mentorhub generate-national` when a database is empty
(`--generate`), then kept: later runs reuse it. The SQLite file lives at `--sqlite-path`; the
PostgreSQL database (`--postgres-url`) is used as it is when it holds the dataset and filled
when it is empty (never emptied by this script).

    .venv/bin/python benchmarks/observation_counts.py [--databases sqlite,postgres]
        [--generate] [--requests 200] [--duration 6]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from api_load import READ_AIM, Scenario, Server, ensure_wrk, free_port, run_wrk, spec  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DEFAULT_SQLITE = Path(tempfile.gettempdir()) / "mentorhub-national" / "national.db"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/national"
PATH = "/api/v1/integrations/observation-counts"
SCHOOL_P95_AIM_MS = 20.0
TRUST_P95_AIM_MS = 100.0
# Generous enough that the load test measures the endpoint, not its rate limit.
SERVER_ENV = {"MENTORHUB_INTEGRATION_RATE_LIMIT_PER_CLIENT": "10000000/minute"}


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_ms(pid: int) -> float:
    """CPU time a process has used so far (user + system), in milliseconds (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples a process's resident memory every few milliseconds in a thread."""

    def __init__(self, pid: int, every: float = 0.01) -> None:
        self.pid, self.every, self.samples = pid, every, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            value = rss_mb(self.pid)
            if value:
                self.samples.append((time.monotonic(), value))
            time.sleep(self.every)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak(self) -> float:
        return max((v for _, v in self.samples), default=0.0)


@dataclass
class Setting:
    """What the queries ask: one school and its autumn term, the 40-school trust and the
    union of its schools' autumn terms, and the trust's whole year."""

    school_id: uuid.UUID
    school_mentees: int
    trust_school_ids: list[uuid.UUID]
    term: tuple[date, date]
    trust_term: tuple[date, date]
    year: tuple[date, date]


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]


def engine_for(url: str):  # type: ignore[no-untyped-def]
    from api.db import make_engine

    return make_engine(url, immediate_transactions=False)


def holds_dataset(url: str) -> bool:
    from sqlalchemy import inspect, text

    from api.demo.national import BENCH_TRUST

    if url.startswith("postgresql"):
        create_database(url)
    engine = engine_for(url)
    try:
        if "trusts" not in inspect(engine).get_table_names():
            return False
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT count(*) FROM trusts WHERE name = :n"), {"n": BENCH_TRUST}
            ).scalar_one()
            return bool(found)
    finally:
        engine.dispose()


def create_database(url: str) -> None:
    from sqlalchemy import create_engine, make_url, text

    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def generate(url: str, seed: int) -> list[str]:
    """Runs the generator in its own process, sampling its RSS; answers the report lines."""
    env = {**os.environ, "MENTORHUB_DATABASE_URL": url, "MENTORHUB_LOG_LEVEL": "WARNING"}
    command = [str(VENV_BIN / "mentorhub"), "generate-national", "--seed", str(seed), "--quiet"]
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        with RssSampler(process.pid, every=0.5) as sampler:
            process.wait()
        out.seek(0)
        text = out.read()
    if process.returncode:
        sys.exit(f"The generator failed:\n{text[-3000:]}")
    elapsed = time.monotonic() - started
    samples = sampler.samples
    lines = [f"generated in {elapsed / 60:.1f} min ({elapsed:.0f} s)"]
    if samples:
        t0, t1 = samples[0][0], samples[-1][0]
        at = []
        for share in (0.1, 0.5, 1.0):
            moment = t0 + (t1 - t0) * share
            value = max(v for t, v in samples if t <= moment + 1e-9)
            at.append(f"{share:.0%} of the run {value:.0f} MB")
        lines.append("generator peak RSS so far at " + ", ".join(at))
    lines += [x for x in text.splitlines() if x.startswith(("Wrote", "Memory"))]
    return lines


def find_setting(url: str) -> Setting:
    from sqlalchemy import text

    from api.demo.national import BENCH_TRUST

    engine = engine_for(url)
    with engine.connect() as connection:
        trust_id = connection.execute(
            text("SELECT id FROM trusts WHERE name = :n"), {"n": BENCH_TRUST}
        ).scalar_one()
        rows = connection.execute(
            text(
                "SELECT s.id, count(p.id) AS mentees FROM schools s "
                "LEFT JOIN pairings p ON p.school_id = s.id "
                "WHERE s.trust_id = :t GROUP BY s.id ORDER BY mentees DESC, s.id"
            ),
            {"t": trust_id},
        ).all()
        ids = [uuid.UUID(str(r[0])) if not isinstance(r[0], uuid.UUID) else r[0] for r in rows]
        terms = connection.execute(
            text(
                "SELECT t.school_id, t.name, t.starts_on, t.ends_on FROM term_dates t "
                "JOIN schools s ON s.id = t.school_id WHERE s.trust_id = :t AND t.kind = 'term'"
            ),
            {"t": trust_id},
        ).all()
    engine.dispose()

    def day(value: object) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    autumn = [
        (day(s), day(e), str(school)) for school, name, s, e in terms if name.startswith("Autumn")
    ]
    mine = str(rows[0][0])
    term = next((s, e) for s, e, school in autumn if school == mine)
    trust_term = (min(s for s, _, _ in autumn), max(e for _, e, _ in autumn))
    year = (min(day(s) for *_, s, _ in terms), max(day(e) for *_, e in terms))
    return Setting(ids[0], int(rows[0][1]), ids, term, trust_term, year)


def raw_sql(url: str, setting: Setting, repeats: int) -> dict[str, tuple[float, float]]:
    """The endpoint's two questions in plain SQL through the driver: the floor under it."""
    from sqlalchemy import bindparam, text

    engine = engine_for(url)
    postgres = url.startswith("postgresql")

    def key(value: uuid.UUID) -> object:
        return value if postgres else value.hex

    # The endpoint's statement: one aggregate with a count per kind and the number of groups
    # as a window count, read through the index on (school_id, observed_on).
    kinds = ", ".join(
        f"count(CASE WHEN o.kind = '{k}' THEN 1 END) AS kind_{k}"
        for k in ("formal", "drop_in", "peer", "joint", "learning_walk")
    )
    where = (
        "WHERE o.school_id IN :schools AND o.observed_on >= :start AND o.observed_on <= :end "
        "AND o.status IN ('completed', 'shared')"
    )
    by_mentee = text(
        "SELECT g.*, u.trn, count(*) OVER () AS total FROM "  # noqa: S608  (constants)
        f"(SELECT o.mentee_id AS key, count(*) AS count, {kinds} FROM observations o {where} "
        "GROUP BY o.mentee_id) AS g LEFT OUTER JOIN users u ON u.id = g.key "
        "ORDER BY g.key LIMIT 100"
    ).bindparams(bindparam("schools", expanding=True))
    by_week = text(
        f"SELECT o.week_start AS key, count(*) AS count, {kinds}, count(*) OVER () AS total "  # noqa: S608
        f"FROM observations o {where} GROUP BY o.week_start ORDER BY o.week_start LIMIT 100"
    ).bindparams(bindparam("schools", expanding=True))
    questions = {
        "school": (
            by_mentee,
            {"schools": [key(setting.school_id)], "start": setting.term[0], "end": setting.term[1]},
        ),
        "trust": (
            by_week,
            {
                "schools": [key(s) for s in setting.trust_school_ids],
                "start": setting.trust_term[0],
                "end": setting.trust_term[1],
            },
        ),
    }
    results = {}
    with engine.connect() as connection:
        for name, (query, params) in questions.items():
            connection.execute(query, params).all()
            samples = []
            cpu_before = time.process_time()
            for _ in range(repeats):
                started = time.perf_counter()
                connection.execute(query, params).all()
                samples.append((time.perf_counter() - started) * 1000)
            results[name] = percentiles(samples)
            results[f"{name} cpu"] = ((time.process_time() - cpu_before) * 1000 / repeats, 0.0)
            connection.rollback()
    engine.dispose()
    return results


def client_token(base: str, url: str) -> str:
    from api.demo.national import create_client

    engine = engine_for(url)
    client_id, secret = create_client(engine, name=f"Benchmark {uuid.uuid4().hex[:8]}")
    engine.dispose()
    response = httpx.post(
        base + "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "scope": "observations:read"},
        auth=(str(client_id), secret),
    )
    response.raise_for_status()
    return response.json()["access_token"]


def query_string(group_by: str, start: date, end: date, school: uuid.UUID | None = None) -> str:
    params = f"from={start}&to={end}&group_by={group_by}&limit=100"
    return params + (f"&school_id={school}" if school else "")


def endpoint_latency(base: str, token: str, setting: Setting, repeats: int, pid: int):  # type: ignore[no-untyped-def]
    questions = {
        "school": query_string("mentee", *setting.term, setting.school_id),
        "trust": query_string("week", *setting.trust_term),
    }
    results, rows, cpu = {}, {}, {}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
        for name, query in questions.items():
            first = http.get(f"{PATH}?{query}")
            if first.status_code != 200:
                sys.exit(f"{PATH}?{query} answered {first.status_code}: {first.text[:500]}")
            rows[name] = first.json()["total"]
            samples = []
            cpu_before = cpu_ms(pid)
            for _ in range(repeats):
                started = time.perf_counter()
                response = http.get(f"{PATH}?{query}")
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{PATH} answered {response.status_code}: {response.text[:300]}")
            results[name] = percentiles(samples)
            cpu[name] = (cpu_ms(pid) - cpu_before) / repeats
    return results, rows, questions, cpu


def csv_memory(base: str, token: str, server_pid: int, setting: Setting) -> dict[str, object]:
    query = query_string("mentee", *setting.year)
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/csv"}
    time.sleep(0.5)
    before = rss_mb(server_pid)
    size = lines = 0
    started = time.perf_counter()
    with (
        RssSampler(server_pid) as sampler,
        httpx.stream("GET", f"{base}{PATH}?{query}", headers=headers, timeout=120) as response,
    ):
        if response.status_code != 200:
            sys.exit(f"CSV answered {response.status_code}")
        for chunk in response.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    return {
        "before": before,
        "peak": sampler.peak,
        "after": rss_mb(server_pid),
        "rows": max(0, lines - 1),
        "bytes": size,
        "seconds": elapsed,
    }


def route_kind() -> str:
    from api_load import route_kinds

    return route_kinds().get(PATH, "sync")


def run_database(args, wrk: str, database: str, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    label = "PostgreSQL" if database == "postgres" else "SQLite"
    if database == "postgres":
        url = args.postgres_url
    else:
        Path(args.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{args.sqlite_path}"
    print(f"\n### {label}\n")
    notes: list[str] = []
    if not holds_dataset(url):
        if not args.generate:
            sys.exit(f"{label} holds no national dataset; run with --generate (takes minutes).")
        print(f"Generating the national dataset on {label} ...", flush=True)
        notes = generate(url, args.seed)
    setting = find_setting(url)
    floor = raw_sql(url, setting, args.requests)
    if args.sql_only:
        print(
            f"Raw SQL p50 / p95 ms: one school's term by mentee {floor['school'][0]:.1f} / "
            f"{floor['school'][1]:.1f}; the trust's term by week {floor['trust'][0]:.1f} / "
            f"{floor['trust'][1]:.1f}"
        )
        for line in notes:
            print(f"Generator: {line}")
        return []
    env = {
        **os.environ,
        **SERVER_ENV,
        "MENTORHUB_ENVIRONMENT": "development",
        "MENTORHUB_DATABASE_URL": url,
        "MENTORHUB_LOG_LEVEL": "WARNING",
    }
    missed = []
    with tempfile.TemporaryDirectory(prefix="mentorhub-counts-") as tmp:
        port_bare, port_app = free_port(), free_port()
        servers = {
            "bare": Server(
                "bare FastAPI",
                [str(VENV_BIN / "uvicorn"), "bare_app:app", "--app-dir", str(HERE)]
                + ["--host", "127.0.0.1", "--port", str(port_bare), "--no-access-log"]
                + ["--log-level", "warning"],
                env,
                Path(tmp) / "bare.log",
            ),
            "mentorhub": Server(
                "MentorHub",
                [str(VENV_BIN / "mentorhub"), "serve", "--host", "127.0.0.1"]
                + ["--port", str(port_app)],
                env,
                Path(tmp) / "mentorhub.log",
            ),
        }
        try:
            servers["bare"].wait_ready("/sync")
            servers["mentorhub"].wait_ready("/healthz", timeout=180)
            base = servers["mentorhub"].base
            token = client_token(base, url)
            latency, rows, questions, cpu = endpoint_latency(
                base, token, setting, args.requests, servers["mentorhub"].process.pid
            )
            load = [
                Scenario(
                    f"bare {kind}",
                    "bare",
                    kind,
                    args.connections,
                    [spec("read", "GET", f"/{kind}")],
                ),
                Scenario(
                    "counts",
                    "mentorhub",
                    kind,
                    args.connections,
                    [spec("read", "GET", f"{PATH}?{questions['school']}", token)],
                ),
            ]
            rates = {}
            with tempfile.TemporaryDirectory(prefix="mentorhub-wrk-") as wrk_tmp:
                for scenario in load:
                    target = servers[scenario.server].base
                    run_wrk(wrk, target, scenario, 1, Path(wrk_tmp))
                    result = run_wrk(wrk, target, scenario, args.duration, Path(wrk_tmp))
                    rates[scenario.name] = (
                        result,
                        result["requests"] / (result["duration_us"] / 1e6),
                    )
            csv = csv_memory(base, token, servers["mentorhub"].process.pid, setting)
        finally:
            for server in servers.values():
                server.stop()

    def cell(pair: tuple[float, float]) -> str:
        return f"{pair[0]:.1f} / {pair[1]:.1f}"

    print(
        f"Data: school with {setting.school_mentees} mentees, autumn term {setting.term[0]} to "
        f"{setting.term[1]} ({rows['school']} rows); trust of {len(setting.trust_school_ids)} "
        f"schools, {setting.trust_term[0]} to {setting.trust_term[1]} ({rows['trust']} weeks).\n"
    )
    print(
        "| figure | endpoint p50 / p95 ms | raw SQL p50 / p95 ms | aim (p95) "
        "| server CPU ms/request | raw SQL client CPU ms |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| one school's term by mentee | {cell(latency['school'])} | {cell(floor['school'])} "
        f"| under {SCHOOL_P95_AIM_MS:.0f} ms | {cpu['school']:.1f} | {floor['school cpu'][0]:.2f} |"
    )
    print(
        f"| 40-school trust's term by week | {cell(latency['trust'])} | {cell(floor['trust'])} "
        f"| under {TRUST_P95_AIM_MS:.0f} ms | {cpu['trust']:.1f} | {floor['trust cpu'][0]:.2f} |"
    )
    bare_result, bare_rate = rates[f"bare {kind}"]
    counts_result, counts_rate = rates["counts"]
    share = counts_rate / bare_rate
    problems = counts_result["timeouts"] + counts_result["non2xx"] + counts_result["socket_errors"]
    print(
        f"\n| load ({args.connections} connections, {args.duration} s) | req/s | p50 ms | p99 ms "
        f"| timeouts | non-2xx | socket errors |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (result, rate) in rates.items():
        print(
            f"| {name} | {rate:,.0f} | {result['p50_us'] / 1000:.1f} | "
            f"{result['p99_us'] / 1000:.1f} | "
            f"{result['timeouts']} | {result['non2xx']} | {result['socket_errors']} |"
        )
    print(f"| share of bare {kind} | {share:.0%} | | | | | aim {READ_AIM:.0%} or more |")
    print(
        f"\nCSV of the trust's whole year by mentee: {csv['rows']:,} rows, "
        f"{int(csv['bytes']) / 1024:,.0f} KiB in {float(csv['seconds']) * 1000:.0f} ms; server RSS "
        f"{csv['before']:.0f} MB before, peak {csv['peak']:.0f} MB while streaming, "
        f"{csv['after']:.0f} MB after."
    )
    for line in notes:
        print(f"Generator: {line}")
    if latency["school"][1] >= SCHOOL_P95_AIM_MS:
        missed.append(f"{label}: one school by mentee p95 {latency['school'][1]:.1f} ms")
    if latency["trust"][1] >= TRUST_P95_AIM_MS:
        missed.append(f"{label}: trust by week p95 {latency['trust'][1]:.1f} ms")
    if share < READ_AIM:
        missed.append(f"{label}: {share:.0%} of bare {kind}")
    if problems:
        missed.append(f"{label}: {problems} timeouts/errors/non-2xx under load")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--sqlite-path", default=os.environ.get("MENTORHUB_BENCH_SQLITE_PATH", str(DEFAULT_SQLITE))
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("MENTORHUB_BENCH_NATIONAL_URL", DEFAULT_POSTGRES_URL),
    )
    parser.add_argument("--generate", action="store_true", help="generate when a database is empty")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sql-only", action="store_true", help="the raw SQL floor only")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per question")
    parser.add_argument("--duration", type=int, default=6, help="seconds of wrk load")
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("MENTORHUB_LOG_LEVEL", "WARNING")
    from api.domains import register_domains

    register_domains()
    wrk = ensure_wrk()
    kind = route_kind()
    load = os.getloadavg()
    print(
        f"Observation counts on the national dataset; load average {load[0]:.1f} "
        f"{load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores (the machine may be shared)."
    )
    missed = []
    for database in args.databases.split(","):
        missed += run_database(args, wrk, database, kind)
    print()
    print("\n".join(f"short of the aim: {m}" for m in missed) or "Every aim met.")
    print(json.dumps({"load_after": os.getloadavg()}))


if __name__ == "__main__":
    main()
