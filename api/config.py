"""Settings, read from the environment (prefix MENTORHUB_) or a .env file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "development-only-secret-key-change-me"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MENTORHUB_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'data' / 'mentorhub.db'}"
    # Requests per process working with the database at once (the rest wait their turn), and
    # so the connections each pool keeps open. Few, on purpose: the work is
    # mostly Python, which runs one thread at a time, and every thread that waits to run again
    # after a query waits behind all the others (under load, 10 at once gave a write in a 90/10
    # mix a median of 1.7 s; 4 at once, 63 ms, and more requests answered in all).
    db_pool_size: int = Field(default=4, ge=1, le=200)
    secret_key: str = DEFAULT_SECRET_KEY
    jwt_issuer: str = "mentorhub"
    jwt_audience: str = "mentorhub-api"
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=14, ge=1, le=90)
    client_token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    cors_origins: list[str] = []
    # Where rate-limit counters live: memory:// for one process, redis://host:port for several.
    rate_limit_storage: str = "memory://"
    token_rate_limit_per_address: str = "30/minute"  # noqa: S105
    token_rate_limit_per_username: str = "10/minute"  # noqa: S105
    # Requests an integration client may make to the data it reads (per client).
    integration_rate_limit_per_client: str = "120/minute"
    # Invitation links: how long one works, and how often an address may try tokens.
    invitation_days: int = Field(default=14, ge=1, le=60)
    invitation_rate_limit_per_address: str = "20/minute"
    max_body_bytes: int = 1024 * 1024
    # CSV imports of a whole school are larger than any other request.
    max_import_bytes: int = 10 * 1024 * 1024
    max_page_size: int = 200
    # Memory each process may keep answers in, to give again while nothing has changed
    # (api/core/answers.py); 0 turns keeping off.
    answer_cache_mb: int = Field(default=32, ge=0, le=4096)
    serve_frontend: bool = True
    frontend_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    log_level: str = "INFO"
    # Readable lines for a person at the console, JSON lines for a log store; by default
    # readable in development only.
    log_format: Literal["text", "json"] | None = None

    @property
    def readable_logs(self) -> bool:
        if self.log_format is None:
            return self.environment == "development"
        return self.log_format == "text"

    @model_validator(mode="after")
    def refuse_default_secret_outside_development(self) -> "Settings":
        if self.environment != "development" and (
            self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < MIN_SECRET_KEY_LENGTH
        ):
            raise ValueError(
                "MENTORHUB_SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_KEY_LENGTH} characters outside development"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
