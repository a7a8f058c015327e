"""The schema is built only by migrations: head matches the models, and down/up round-trips."""

import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import JSON, Uuid, column, create_engine, insert, inspect, select, table, text
from sqlmodel import SQLModel

from api.db import make_engine
from api.health.service import alembic_config, head_revision
from api.resources.search import include_name
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL


def test_models_and_migrations_do_not_drift(database):
    with database.connect() as connection:
        # The same comparison as `alembic revision --autogenerate` (migrations/env.py): the
        # full-text search index beside the resources table is not a model.
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
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
    server, test_database = TEST_DATABASE_URL.rsplit("/", 1)
    # Named after the test database, so test runs against other databases never share it.
    scratch = test_database.split("?")[0] + "_roundtrip"
    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch}"'))
        connection.execute(text(f'CREATE DATABASE "{scratch}"'))
    yield f"{server}/{scratch}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
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


def test_past_audit_events_lose_the_meeting_record_content_they_held(scratch_database_url):
    config = alembic_config()
    config.attributes["database_url"] = scratch_database_url
    command.upgrade(config, "cee45ace0ecd")
    # A schema from before the data version existed: its writes are not counted.
    engine = make_engine(scratch_database_url, count_writes=False)
    trust_id, recorded_id, renamed_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    trusts = table("trusts", column("id", Uuid()), column("name"), column("created_at"))
    events = table(
        "audit_events",
        column("id", Uuid()),
        column("occurred_at"),
        column("trust_id", Uuid()),
        column("actor_kind"),
        column("action"),
        column("object_type"),
        column("changes", JSON()),
    )
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert(trusts).values(id=trust_id, name="Oak", created_at=now))
        as_written = {"status": "held", "actions": 2, "wellbeing_discussed": True}
        past = [
            (recorded_id, "meeting.recorded", as_written),
            (renamed_id, "school.updated", {"name": "Oak Academy", "actions": 1}),
        ]
        for event_id, action, changes in past:
            connection.execute(
                insert(events).values(
                    id=event_id,
                    occurred_at=now,
                    trust_id=trust_id,
                    actor_kind="system",
                    action=action,
                    object_type="meeting",
                    changes=changes,
                )
            )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        stored = dict(connection.execute(select(events.c.id, events.c.changes)).all())
    assert stored[recorded_id] == {"status": "held"}
    assert stored[renamed_id] == {"name": "Oak Academy", "actions": 1}
    engine.dispose()
