"""Readiness: the database answers and its schema is at the newest migration."""

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from api.config import PROJECT_ROOT


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def check_ready(engine: Engine) -> tuple[bool, dict[str, str]]:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = MigrationContext.configure(connection).get_current_revision()
    except Exception as exc:  # any driver error means "not ready", never a 500
        return False, {"database": f"unreachable: {type(exc).__name__}"}
    head = head_revision()
    if current != head:
        return False, {"database": "ok", "migrations": f"at {current}, head is {head}"}
    return True, {"database": "ok", "migrations": "at head"}
