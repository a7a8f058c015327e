"""Signed provider deliveries (contract 4) on a live server: sustained deliveries per second
and p50/p99 latency, on a fresh SQLite file and on PostgreSQL.

Each delivery is signed beforehand with the standardwebhooks library, as a provider signs, each
with its own webhook-id (so each is processed, none is a duplicate), and sent by wrk
(`webhooks.lua`) at a fixed number of connections for `--duration` seconds. After the run the
delivery log is counted: every delivery recorded once, processed. The load average is printed
before and after, since the machine is shared.

    .venv/bin/python benchmarks/webhooks.py [--databases sqlite,postgres] [--duration 10]
        [--connections 8] [--workers 1] [--postgres-url URL]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from api_load import Server, ensure_wrk, free_port  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench_webhooks"
AIM_PER_SECOND = 300
AIM_P99_MS = 100.0
# More deliveries than the fastest run sends, so no webhook-id is sent twice.
HEADROOM_PER_SECOND = 1500


def fresh_database(url: str) -> None:
    """A PostgreSQL database created when missing and emptied when not (SQLite: a new file)."""
    if not url.startswith("postgresql"):
        return
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
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_provider(url: str) -> tuple[uuid.UUID, str]:
    """A trust and one provider with its signing secret, written straight to the database."""
    from sqlmodel import Session

    import api.models  # noqa: F401
    from api.db import make_engine
    from api.org.models import Trust
    from api.providers.models import Provider, ProviderKind, ProviderSecret
    from api.providers.service import new_signing_secret

    engine = make_engine(url)
    secret = new_signing_secret()
    with Session(engine) as session:
        trust = Trust(name="Benchmark Trust")
        provider = Provider(trust_id=trust.id, name="Benchmark University", kind=ProviderKind.hei)
        session.add(trust)
        session.flush()
        session.add(provider)
        session.flush()
        session.add(ProviderSecret(provider_id=provider.id, signing_secret=secret))
        session.commit()
        provider_id = provider.id
    engine.dispose()
    return provider_id, secret


def presign(provider_id: uuid.UUID, secret: str, count: int, spec: Path) -> float:
    """`count` deliveries signed now, one line each; answers the seconds signing took."""
    from standardwebhooks.webhooks import Webhook

    hook = Webhook(secret)
    path = f"/api/v1/webhooks/providers/{provider_id}"
    started = time.perf_counter()
    now = datetime.now(UTC)
    stamp = str(int(now.timestamp()))
    with spec.open("w") as out:
        for n in range(count):
            body = json.dumps(
                {
                    "type": "course_date.created",
                    "timestamp": now.isoformat(),
                    "data": {
                        "id": f"cd-{n}",
                        "title": f"Mentor training day {n}",
                        "starts_at": "2027-03-04T09:00:00Z",
                        "ends_at": "2027-03-04T15:30:00Z",
                        "audience": "mentors",
                        "schools": ["100001"],
                        "participants": [{"trn": "1234567", "role": "mentor"}],
                    },
                },
                separators=(",", ":"),
            )
            msg_id = f"msg_{uuid.uuid4().hex}"
            signature = hook.sign(msg_id, now, body)
            out.write(f"{path}\t{msg_id}\t{stamp}\t{signature}\t{body}\n")
    return time.perf_counter() - started


def run_wrk(wrk: str, base: str, spec: Path, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "2s"]
    command += ["-s", str(HERE / "webhooks.lua"), base, "--", str(spec), str(threads)]
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def outcomes(url: str) -> dict[str, int]:
    from sqlalchemy import func
    from sqlmodel import Session, col, select

    from api.db import make_engine
    from api.providers.models import WebhookDelivery

    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.exec(
            select(WebhookDelivery.outcome, func.count()).group_by(col(WebhookDelivery.outcome))
        ).all()
    engine.dispose()
    return {str(outcome.value): n for outcome, n in rows}


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and its direct children (the workers), from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_database(args, wrk: str, database: str) -> dict:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(prefix="mentorhub-webhooks-") as tmp:
        url = args.postgres_url if database == "postgres" else f"sqlite:///{tmp}/bench.db"
        env = {
            **os.environ,
            "MENTORHUB_ENVIRONMENT": "test",
            "MENTORHUB_SECRET_KEY": "benchmark-only-" + "k" * 40,
            "MENTORHUB_DATABASE_URL": url,
            "MENTORHUB_SERVE_FRONTEND": "false",
            "MENTORHUB_LOG_LEVEL": "WARNING",
        }
        fresh_database(url)
        subprocess.run(  # noqa: S603
            [str(VENV_BIN / "mentorhub"), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        os.environ["MENTORHUB_DATABASE_URL"] = url
        provider_id, secret = make_provider(url)
        port = free_port()
        workers = ["--workers", str(args.workers)] if args.workers > 1 else []
        server = Server(
            "MentorHub",
            [str(VENV_BIN / "mentorhub"), "serve", "--host", "127.0.0.1", "--port", str(port)]
            + workers,
            env,
            Path(tmp) / "server.log",
        )
        try:
            server.wait_ready("/healthz")
            warm = Path(tmp) / "warm.tsv"
            presign(provider_id, secret, 400, warm)
            run_wrk(wrk, server.base, warm, args.connections, 1)  # warm up, not counted
            spec = Path(tmp) / "spec.tsv"
            signing = presign(provider_id, secret, HEADROOM_PER_SECOND * args.duration, spec)
            load_before = os.getloadavg()
            cpu_before = cpu_seconds(server.process.pid)
            result = run_wrk(wrk, server.base, spec, args.connections, args.duration)
            cpu_used = cpu_seconds(server.process.pid) - cpu_before
            load_after = os.getloadavg()
        finally:
            server.stop()
        seconds = result["duration_us"] / 1e6
        return {
            "database": "PostgreSQL" if database == "postgres" else "SQLite file",
            "workers": args.workers,
            "connections": args.connections,
            "seconds": round(seconds, 1),
            "deliveries_per_second": round(result["requests"] / seconds, 1),
            "p50_ms": round(result["p50_us"] / 1000, 1),
            "p99_ms": round(result["p99_us"] / 1000, 1),
            "max_ms": round(result["max_us"] / 1000, 1),
            # What moves least with the machine's other load: the server's own CPU per delivery.
            "server_cpu_ms_per_delivery": round(1000 * cpu_used / max(1, result["requests"]), 2),
            "non_2xx": result["non2xx"],
            "timeouts": result["timeouts"],
            "recorded_with_warm_up": outcomes(url),
            "presigned_per_second": round(HEADROOM_PER_SECOND * args.duration / signing),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in load_after],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    wrk = ensure_wrk()
    print(json.dumps({"cores": os.cpu_count(), "load": [round(x, 2) for x in os.getloadavg()]}))
    missed = []
    for database in args.databases.split(","):
        figures = run_database(args, wrk, database)
        print(json.dumps(figures))
        if database == "sqlite" and (
            figures["deliveries_per_second"] < AIM_PER_SECOND or figures["p99_ms"] >= AIM_P99_MS
        ):
            missed.append(f"SQLite: {AIM_PER_SECOND}/s with p99 under {AIM_P99_MS:.0f} ms")
        if figures["non_2xx"] or figures["timeouts"]:
            missed.append(f"{figures['database']}: every delivery answered 2xx")
    print(json.dumps({"missed_aims": missed}))


if __name__ == "__main__":
    main()
