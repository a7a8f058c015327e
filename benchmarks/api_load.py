"""Requests per second, p50 and p99 for MentorHub's API beside a bare FastAPI app.

Both are served at the same time by the same uvicorn from this environment, with the same
number of workers, on loopback ports; wrk loads one at a time. MentorHub runs as `make run`
runs it (development settings, INFO logs, here written to a file) over the demo data, on a fresh
SQLite file and on PostgreSQL (`--postgres-url`: that database is emptied first). Every read is
shown as a share of the bare route of the same kind (sync endpoints against the bare sync route,
async against async), and the two servers are stopped by their process ids at the end.

MentorHub keeps answers to give again while nothing changes (api/core/answers.py), so a repeated
read is answered from memory; `--answers fresh` serves it with keeping turned off, which is what
every first read after a change costs, and `--answers kept,fresh` measures both in turn.

    .venv/bin/python benchmarks/api_load.py [--duration 6] [--workers 1,2]
        [--databases sqlite,postgres] [--postgres-url URL] [--answers kept,fresh]
"""

import argparse
import inspect
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
DEMO_PASSWORD = "mentorhub-demo"  # noqa: S105  (the demo data's own password)
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench"
READ_AIM = 0.40  # every authenticated read at 40% or more of its bare route
WRITE_P99_AIM_MS = 100.0
SETTLE_SECONDS = 3
CORES_NOTE = (
    "wrk runs on the same machine and competes with the servers for its "
    f"{os.cpu_count()} cores; every figure sits beside its bare anchor from the same run."
)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("Installing wrk from Debian")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True)  # noqa: S603
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, "apt-get", "install", "-y", "-qq", "wrk"]
    subprocess.run(install, check=True, env=env)  # noqa: S603
    return shutil.which("wrk") or sys.exit("wrk is still missing")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server in its own process group, stopped by its process id."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.log = name, log
        self.port = int(command[command.index("--port") + 1])
        with log.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603
                command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} stopped; see {self.log}:\n{self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + path, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"{self.name} did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Scenario:
    name: str
    server: str  # "bare" or "mentorhub"
    kind: str  # "sync", "async" or "write"
    connections: int
    lines: list[str]  # the load.lua request spec
    mixed: bool = False


def spec(kind: str, method: str, path: str, token: str | None = None, body: str | None = None):  # type: ignore[no-untyped-def]
    return "\t".join([kind, method, path, token or "-", body or "-"])


def route_kinds() -> dict[str, str]:
    """Whether each MentorHub endpoint is async or runs in the thread pool (sync)."""
    import logging

    from api.main import api_routes, create_app

    endpoints = {c.path: c.original_route.endpoint for c in api_routes(create_app())}
    kinds = {
        path: "async" if inspect.iscoroutinefunction(e) else "sync" for path, e in endpoints.items()
    }
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return kinds


def prepare_database(url: str, env: dict[str, str]) -> None:
    """A fresh database with the demo data: a new SQLite file, or the PostgreSQL database
    created when missing and emptied when not."""
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, make_url, text

        target = make_url(url)
        server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": target.database},
            ).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{target.database}"'))
        server.dispose()
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    subprocess.run(  # noqa: S603
        [str(VENV_BIN / "mentorhub"), "seed", "--demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def sign_in(base: str, who: str) -> str:
    response = httpx.post(
        base + "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": f"{who}@demo.mentorhub.test",
            "password": DEMO_PASSWORD,
        },
    )
    response.raise_for_status()
    return response.json()["access_token"]


def mentorhub_scenarios(base: str, kinds: dict[str, str], reads: int, writes: int):  # type: ignore[no-untyped-def]
    mentor, admin = sign_in(base, "mentor"), sign_in(base, "admin")
    auth = {"Authorization": f"Bearer {mentor}"}
    feed = httpx.post(base + "/api/v1/me/calendar-feed", headers=auth)
    feed.raise_for_status()
    feed_path = httpx.URL(feed.json()["url"]).path
    meetings = httpx.get(base + "/api/v1/meetings?limit=200", headers=auth).json()["items"]
    held = [m["id"] for m in meetings if m["status"] == "held"]
    if not held:
        sys.exit("The demo mentor has no held meetings to record.")
    record = json.dumps({"status": "held", "notes": "Went through the week's lessons."})
    writes_spec = [
        spec("write", "PUT", f"/api/v1/meetings/{m}/record", mentor, record) for m in held
    ]
    reads_spec = [
        spec("read", "GET", "/api/v1/me", mentor),
        spec("read", "GET", "/api/v1/meetings?limit=50", mentor),
    ]
    mix = [reads_spec[n % 2] for n in range(9)] + writes_spec[:1]

    def read(name: str, route: str, path: str, token: str | None) -> Scenario:
        return Scenario(name, "mentorhub", kinds[route], reads, [spec("read", "GET", path, token)])

    return [
        read("/healthz", "/healthz", "/healthz", None),
        read("GET /me (mentor)", "/api/v1/me", "/api/v1/me", mentor),
        read("GET /meetings (mentor)", "/api/v1/meetings", "/api/v1/meetings?limit=50", mentor),
        read("GET /pairings (trust admin)", "/api/v1/pairings", "/api/v1/pairings?limit=50", admin),
        read("calendar feed", "/api/v1/calendar/{feed_token}.ics", feed_path, None),
        Scenario("90/10 read/write mix", "mentorhub", "write", writes, mix, mixed=True),
        Scenario("write: record a meeting", "mentorhub", "write", writes, writes_spec),
    ]


def run_wrk(wrk: str, base: str, scenario: Scenario, seconds: int, tmp: Path) -> dict:
    spec_file = tmp / "spec.tsv"
    spec_file.write_text("\n".join(scenario.lines) + "\n")
    # One connection per wrk thread when kinds are mixed, so each kind's latency is its own.
    threads = scenario.connections if scenario.mixed else min(2, scenario.connections)
    command = [
        wrk,
        f"-t{threads}",
        f"-c{scenario.connections}",
        f"-d{seconds}s",
        "--timeout",
        "2s",
        "-s",
        str(HERE / "load.lua"),
        base,
        "--",
        str(spec_file),
    ]
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def measure(wrk: str, servers: dict[str, Server], scenarios: list[Scenario], seconds: int):  # type: ignore[no-untyped-def]
    results = []
    with tempfile.TemporaryDirectory(prefix="mentorhub-load-") as tmp:
        for scenario in scenarios:
            base = servers[scenario.server].base
            # Requests that timed out in the figure before are still being served: let the
            # server finish them before the next figure starts.
            time.sleep(SETTLE_SECONDS)
            run_wrk(wrk, base, scenario, 1, Path(tmp))  # warm up, not counted
            result = run_wrk(wrk, base, scenario, seconds, Path(tmp))
            results.append((scenario, result))
    return results


def args_seconds(result: dict) -> str:
    return f"{result['duration_us'] / 1e6:.0f}"


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.1f}"


def report(title: str, results, load: tuple[float, float]) -> list[str]:  # type: ignore[no-untyped-def]
    """Prints the table; returns the aims that were missed."""

    def rate(scenario: Scenario, r: dict) -> float:
        return r["requests"] / (r["duration_us"] / 1e6)

    # The bare route of each kind at each connection count, measured in the same run.
    anchor = {(s.kind, s.connections): rate(s, r) for s, r in results if s.server == "bare"}
    missed = []
    print(f"\n### {title}\n")
    print(f"Load average (1 min) {load[0]:.2f} before, {load[1]:.2f} after.\n")
    print("| route | kind | conns | req/s | p50 ms | p99 ms | timeouts | non-2xx | vs bare |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario, r in results:
        share = ""
        problems = r["timeouts"] + r["non2xx"] + r["socket_errors"]
        label = f"{scenario.name} at {scenario.connections}"
        key = (scenario.kind, scenario.connections)
        if scenario.server == "mentorhub" and key in anchor:
            ratio = rate(scenario, r) / anchor[key]
            share = f"{ratio:.0%} of bare {scenario.kind}"
            if ratio < READ_AIM:
                missed.append(f"{title}: {label} at {ratio:.0%} of bare {scenario.kind}")
        if r["requests"] == 0:
            missed.append(f"{title}: {label} answered nothing in {args_seconds(r)} s")
        if problems and scenario.server == "mentorhub":
            missed.append(f"{title}: {label} had {problems} timeouts/errors/non-2xx")
        print(
            f"| {scenario.name} | {scenario.kind} | {scenario.connections} "
            f"| {rate(scenario, r):,.0f} | {ms(r['p50_us'])} | {ms(r['p99_us'])} "
            f"| {r['timeouts']} | {r['non2xx'] + r['socket_errors']} | {share} |"
        )
        if scenario.mixed:
            for kind, k in sorted(r["kinds"].items()):
                print(
                    f"| ↳ {kind}s in the mix | | "
                    f"| {k['requests'] / (r['duration_us'] / 1e6):,.0f} "
                    f"| {ms(k['p50_us'])} | {ms(k['p99_us'])} | | | |"
                )
            write_p99 = r["kinds"].get("write", {}).get("p99_us", 0) / 1000
            if write_p99 >= WRITE_P99_AIM_MS:
                missed.append(f"{title}: write p99 {write_p99:.0f} ms in the mix")
    return missed


def run_config(
    args, wrk: str, database: str, workers: int, kinds: dict[str, str], answers: str
) -> list[str]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(prefix="mentorhub-load-") as tmp:
        url = args.postgres_url if database == "postgres" else f"sqlite:///{tmp}/load.db"
        env = {
            **os.environ,
            "MENTORHUB_ENVIRONMENT": "development",
            "MENTORHUB_DATABASE_URL": url,
            "MENTORHUB_LOG_LEVEL": "INFO",
            **({"MENTORHUB_ANSWER_CACHE_MB": "0"} if answers == "fresh" else {}),
        }
        prepare_database(url, env)
        worker_flag = ["--workers", str(workers)] if workers > 1 else []
        port_bare, port_app = free_port(), free_port()
        servers = {
            "bare": Server(
                "bare FastAPI",
                [str(VENV_BIN / "uvicorn"), "bare_app:app", "--app-dir", str(HERE)]
                + ["--host", "127.0.0.1", "--port", str(port_bare), "--no-access-log"]
                + ["--log-level", "warning", *worker_flag],
                env,
                Path(tmp) / "bare.log",
            ),
            "mentorhub": Server(
                "MentorHub",
                [str(VENV_BIN / "mentorhub"), "serve", "--host", "127.0.0.1"]
                + ["--port", str(port_app), *worker_flag],
                env,
                Path(tmp) / "mentorhub.log",
            ),
        }
        try:
            servers["bare"].wait_ready("/sync")
            servers["mentorhub"].wait_ready("/healthz")
            load_before = os.getloadavg()[0]
            own = mentorhub_scenarios(
                servers["mentorhub"].base, kinds, args.read_connections[0], args.write_connections
            )
            scenarios: list[Scenario] = []
            for reads in args.read_connections:
                # The bare routes at each connection count, so every share compares like with like.
                scenarios += [
                    Scenario("bare sync", "bare", "sync", reads, [spec("read", "GET", "/sync")]),
                    Scenario("bare async", "bare", "async", reads, [spec("read", "GET", "/async")]),
                ]
                scenarios += [replace(s, connections=reads) for s in own if s.kind != "write"]
            scenarios += [s for s in own if s.kind == "write"]
            results = measure(wrk, servers, scenarios, args.duration)
            load_after = os.getloadavg()[0]
        finally:
            for server in servers.values():
                server.stop()
        label = "PostgreSQL" if database == "postgres" else "SQLite"
        title = f"{label}, {workers} worker{'s' if workers > 1 else ''}, answers {answers}"
        return report(title, results, (load_before, load_after))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=6, help="seconds per figure")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("MENTORHUB_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="a database for this benchmark only: it is emptied first",
    )
    parser.add_argument(
        "--read-connections",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[32, 64],
        help="connection counts for the reads, comma-separated",
    )
    parser.add_argument("--write-connections", type=int, default=32)
    parser.add_argument(
        "--answers",
        default="kept",
        help="kept (repeats answered from memory), fresh (every answer made anew), or both",
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    wrk = ensure_wrk()
    kinds = route_kinds()
    workers = [int(w) for w in args.workers.split(",")]
    databases = args.databases.split(",")
    modes = args.answers.split(",")
    runs = len(workers) * len(databases) * len(modes)
    figures = 7 * len(args.read_connections) + 2
    print(
        f"API load: {runs} configurations x {figures} figures of {args.duration:g} s "
        "(plus 1 s warm-up each)"
    )
    print(CORES_NOTE)
    missed = []
    for database in databases:
        for count in workers:
            for answers in modes:
                missed += run_config(args, wrk, database, count, kinds, answers)
    print()
    print("\n".join(f"short of the aim: {m}" for m in missed) or "Every aim met.")


if __name__ == "__main__":
    main()
