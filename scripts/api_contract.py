"""The API contract check: schemathesis against a live server, once for each kind of caller.

For every role (trust admin, school lead, mentor, mentee, observer) and for an integration
client, a server is started on a free loopback port over a fresh copy of a demo database, a
token is signed in through the token endpoint, and schemathesis runs every operation of the
server's own OpenAPI description with every check (see scripts/schemathesis.toml), on valid and
invalid data, from a fixed seed with a bounded number of examples. Each caller gets a fresh
database, so what one run deletes or changes cannot touch the next, and the whole check
repeats exactly.

Any failure prints schemathesis' report, with a curl command that reproduces each request.

    scripts/api-contract.sh                 # every caller
    scripts/api-contract.sh mentor observer # some of them
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CONFIG = ROOT / "scripts" / "schemathesis.toml"
DEMO_PASSWORD = "mentorhub-demo"  # noqa: S105  (the demo's, printed by `mentorhub seed --demo`)
SEED = 20260901
MAX_EXAMPLES = int(os.environ.get("MENTORHUB_CONTRACT_EXAMPLES", "10"))
# More schemathesis options, e.g. "--include-operation-id import_people", when looking closer.
SCHEMATHESIS_OPTIONS = os.environ.get("MENTORHUB_CONTRACT_OPTIONS", "").split()

# Caller name -> the demo account that signs in (None: an integration client).
CALLERS = {
    "trust_admin": "admin@demo.mentorhub.test",
    "school_lead": "lead@demo.mentorhub.test",
    "mentor": "mentor@demo.mentorhub.test",
    "mentee": "mentee@demo.mentorhub.test",
    "observer": "observer@demo.mentorhub.test",
    "integration_client": None,
}


@dataclass
class Outcome:
    caller: str
    operations: int
    cases: int
    failures: int
    errors: int
    seconds: float
    log: Path

    @property
    def passed(self) -> bool:
        return self.failures == 0 and self.errors == 0


def server_env(database: Path) -> dict[str, str]:
    # Schemathesis calls the MIS pull far more often than a client would (unless the caller
    # environment sets a rate, as the live-server tests do).
    defaults = {"MENTORHUB_INTEGRATION_RATE_LIMIT_PER_CLIENT": "100000/minute"}
    return (
        defaults
        | dict(os.environ)
        | {
            "MENTORHUB_ENVIRONMENT": "test",
            "MENTORHUB_SECRET_KEY": "contract-check-only-" + "k" * 40,
            "MENTORHUB_DATABASE_URL": f"sqlite:///{database}",
            "MENTORHUB_SERVE_FRONTEND": "false",
            "MENTORHUB_LOG_LEVEL": "WARNING",
            "MENTORHUB_ACCESS_TOKEN_MINUTES": "60",
            "MENTORHUB_CLIENT_TOKEN_MINUTES": "60",
        }
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_database(template: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))


class Server:
    """`mentorhub serve` on a loopback port, stopped by its own process id."""

    def __init__(self, database: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603  (our own command, no shell)
            [str(BIN / "mentorhub"), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=server_env(database),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start-up; see {self.log.name}")
            try:
                if httpx.get(self.base + "/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server was not ready within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def sign_in(base: str, email: str) -> str:
    response = httpx.post(
        base + "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": DEMO_PASSWORD},
    )
    response.raise_for_status()
    return response.json()["access_token"]


def client_token(base: str) -> str:
    """Registers an integration client as the trust admin, for the demo's schools, and takes
    a token for it by the client-credentials grant."""
    admin = {"Authorization": "Bearer " + sign_in(base, CALLERS["trust_admin"] or "")}
    schools = httpx.get(base + "/api/v1/schools", headers=admin).raise_for_status().json()
    created = httpx.post(
        base + "/api/v1/integration-clients",
        headers=admin,
        json={
            "name": "Contract check MIS",
            "scopes": ["org:read", "observations:read"],
            "school_ids": [school["id"] for school in schools["items"]],
        },
    ).raise_for_status()
    body = created.json()
    response = httpx.post(
        base + "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(body["client"]["id"], body["client_secret"]),
    )
    response.raise_for_status()
    return response.json()["access_token"]


def run_schemathesis(base: str, token: str, report: Path, log: Path, *extra: str) -> None:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(CONFIG),
        "run",
        base + "/api/v1/openapi.json",
        "--mode",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--header",
        f"Authorization: Bearer {token}",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
        *extra,
    ]
    with log.open("w") as out:
        subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)  # noqa: S603


def check(caller: str, template: Path, work: Path) -> Outcome:
    started = time.monotonic()
    database = work / f"{caller}.db"
    copy_database(template, database)
    server = Server(database, work / f"{caller}-server.log")
    report, log = work / f"{caller}.json", work / f"{caller}.log"
    try:
        server.wait_ready()
        # The app builds its OpenAPI description on the first request for it; on a busy machine
        # that can outlast schemathesis's 10 s schema timeout, so ask once first, patiently.
        httpx.get(server.base + "/api/v1/openapi.json", timeout=120).raise_for_status()
        email = CALLERS[caller]
        token = sign_in(server.base, email) if email else client_token(server.base)
        run_schemathesis(server.base, token, report, log, *SCHEMATHESIS_OPTIONS)
    finally:
        server.stop()
    seconds = time.monotonic() - started
    if not report.exists():
        return Outcome(caller, 0, 0, 0, 1, seconds, log)
    result = json.loads(report.read_text())
    return Outcome(
        caller,
        operations=result["operations"]["tested"],
        cases=result["test_cases"]["generated"],
        failures=result["test_cases"]["unique_failures"],
        errors=len(result["errors"]) + result["operations"]["errored"],
        seconds=seconds,
        log=log,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("callers", nargs="*", help=f"some of {', '.join(CALLERS)} (all)")
    parser.add_argument("--keep", action="store_true", help="keep the databases and logs")
    parser.add_argument(
        "--jobs", type=int, default=2, help="callers checked at once, each with its own server"
    )
    args = parser.parse_args()
    callers = args.callers or list(CALLERS)
    unknown = set(callers) - set(CALLERS)
    if unknown:
        parser.error(f"unknown caller(s): {', '.join(sorted(unknown))}")

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="mentorhub-contract-"))
    template = work / "demo.db"
    subprocess.run(  # noqa: S603
        [str(BIN / "mentorhub"), "seed", "--demo"],
        env=server_env(template),
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda caller: check(caller, template, work), callers))
    for outcome in outcomes:
        if not outcome.passed:
            print(outcome.log.read_text())
    for outcome in outcomes:
        print(
            f"{outcome.caller:<19} {outcome.operations:>3} operations {outcome.cases:>6} cases "
            f"{outcome.failures:>3} failures {outcome.errors:>3} errors "
            f"{outcome.seconds:6.1f} s"
        )
    total = time.monotonic() - started
    failed = [o.caller for o in outcomes if not o.passed]
    print(
        f"schemathesis {sum(o.cases for o in outcomes)} cases for {len(outcomes)} callers "
        f"(seed {SEED}, {MAX_EXAMPLES} examples): "
        f"{'failed for ' + ', '.join(failed) if failed else 'no failures'}; {total:.0f} s"
    )
    if args.keep or failed:
        print(f"Databases, server logs and reports: {work}")
    else:
        shutil.rmtree(work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
