"""Full-text search over the library, one way on both databases.

What a person types is never handed to a search syntax: it is cut into words (letters and
digits only, lower-cased, common words dropped, at most `MAX_WORDS` of at most `MAX_WORD`
characters), so quotes, brackets, `AND`/`OR`/`NEAR`, `*` and `:` are just text. Every word must
match (in the title, the publisher or the summary), stemmed the English way.

Ranking is the same on both: resources whose title holds every word first, then by weighted
relevance (title over summary over publisher), then by title. The index behind it:

- SQLite: the FTS5 table `resources_fts` (porter stemming), kept in step with `resources` by
  triggers the migration creates; each word is quoted as an FTS5 string. Relevance is bm25
  with column weights.
- PostgreSQL: a GIN index on the weighted `tsvector` expression `DOCUMENT` (title A, summary B,
  publisher C); the query is `plainto_tsquery` over the cleaned words. Relevance is ts_rank.

A migration that rebuilds `resources` (a batch alter on SQLite) must create the triggers again.
"""

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Float, column, func, literal_column, select, table, true
from sqlalchemy.sql.elements import ColumnClause
from sqlmodel import col

from api.resources.models import Resource

MAX_WORDS = 12
MAX_WORD = 40
MAX_INPUT = 1000  # characters read from a search; the rest is ignored, never an error

# Words too common to search by (the same on both databases; PostgreSQL's English
# configuration drops these too). Operators of either syntax are among them or are only text.
STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have"),
        *("in", "into", "is", "it", "its", "not", "of", "on", "or", "that", "the"),
        *("their", "this", "to", "was", "were", "will", "with"),
    }
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

FTS_TABLE = "resources_fts"
# SQLite: bm25 weights for (resource_id, title, summary, publisher); the id column is unindexed.
FTS_WEIGHTS = (0.0, 10.0, 4.0, 1.0)
PG_INDEX = "ix_resources_search"
# The indexed expression on PostgreSQL. The migration creates the index on exactly this text.
DOCUMENT_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(publisher, '')), 'C')"
)
# Names the search index adds to the schema beside the models (FTS5 keeps shadow tables).
SEARCH_OBJECTS = frozenset(
    {FTS_TABLE, PG_INDEX}
    | {f"{FTS_TABLE}_{s}" for s in ("data", "idx", "content", "docsize", "config")}
)


def words(text: str | None) -> list[str]:
    """The words of a search, safe for either syntax: letters and digits only."""
    text = text or ""
    if len(text) > MAX_INPUT:  # cut at a word's end, not inside a word
        text = _WORD.sub(lambda m: m.group() if m.end() <= MAX_INPUT else "", text[: MAX_INPUT + 1])
    found: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = word[:MAX_WORD]
        if word not in STOP_WORDS and word not in found:
            found.append(word)
        if len(found) == MAX_WORDS:
            break
    return found


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic's comparison of the models with the database: the search index is not a
    model, so it is left out (everything else is compared)."""
    return name not in SEARCH_OBJECTS


@dataclass(frozen=True)
class Match:
    """How a search narrows and orders: rows that match, and two sort keys (higher first)."""

    where: ColumnElement[bool]
    title_hit: ColumnElement
    relevance: ColumnElement


def _fts_phrase(terms: list[str], column_name: str | None = None) -> str:
    quoted = " ".join(f'"{t}"' for t in terms)  # words hold no quotes: letters and digits only
    return f"{{{column_name}}} : ({quoted})" if column_name else quoted


def sqlite_match(terms: list[str]) -> Match:
    fts = table(FTS_TABLE, column("resource_id"), column("rank"))
    fts_name: ColumnClause = literal_column(FTS_TABLE)
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    relevance = (
        select(-literal_column(f"bm25({FTS_TABLE}, {weights})", Float))
        .select_from(fts)
        .where(fts_name.op("MATCH")(_fts_phrase(terms)), fts.c.resource_id == Resource.id)
        .scalar_subquery()
    )
    in_title = (
        select(fts.c.resource_id)
        .where(fts_name.op("MATCH")(_fts_phrase(terms, "title")))
        .scalar_subquery()
    )
    matching = select(fts.c.resource_id).where(fts_name.op("MATCH")(_fts_phrase(terms)))
    return Match(
        where=col(Resource.id).in_(matching),
        title_hit=col(Resource.id).in_(in_title),
        relevance=relevance,
    )


def postgres_match(terms: list[str]) -> Match:
    query = func.plainto_tsquery(literal_column("'english'::regconfig"), " ".join(terms))
    document: ColumnClause = literal_column(f"({DOCUMENT_SQL})")
    title = func.to_tsvector(
        literal_column("'english'::regconfig"), func.coalesce(Resource.title, "")
    )
    return Match(
        where=document.op("@@")(query),
        title_hit=title.op("@@")(query),
        relevance=func.ts_rank(literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]"), document, query),
    )


def match(dialect: str, terms: list[str]) -> Match | None:
    """The backend's match for these words; None when nothing is searched for."""
    if not terms:
        return None
    return postgres_match(terms) if dialect == "postgresql" else sqlite_match(terms)


NO_MATCH = Match(where=true(), title_hit=literal_column("0"), relevance=literal_column("0"))
