"""The schema is built only by migrations: head matches the models, and down/up round-trips."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from api.db import make_engine
from api.health.service import alembic_config, head_revision
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL


def test_models_and_migrations_do_not_drift(database):
    with database.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == [], "run: alembic revision --autogenerate -m '...'"


def test_database_is_at_head(database):
    with database.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()


@pytest.fixture
def scratch_database_url(tmp_path):  # type: ignore[no-untyped-def]
    """A database of its own, so that downgrading does not disturb the other tests."""
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'roundtrip.db'}"
        return
    admin_url = TEST_DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS mentorhub_roundtrip"))
        connection.execute(text("CREATE DATABASE mentorhub_roundtrip"))
    yield TEST_DATABASE_URL.rsplit("/", 1)[0] + "/mentorhub_roundtrip"
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS mentorhub_roundtrip WITH (FORCE)"))
    admin.dispose()


def test_downgrade_to_base_and_upgrade_again(scratch_database_url):
    config = alembic_config()
    config.attributes["database_url"] = scratch_database_url
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(scratch_database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"users", "schools", "audit_events"} <= set(inspect(engine).get_table_names())
    engine.dispose()
