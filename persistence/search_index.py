"""Full-text search over products: PostgreSQL tsvector + GIN, or SQLite FTS5, one interface.

Both index the name (weighted high) and the description's plain text (weighted lower), match
every search word as a prefix, ignore accents ("cafe" finds "Café" and "café" finds "Cafe"), and
rank so that higher is more relevant.

The index lives outside `tables.metadata` (each database builds it its own way), so the
migrations-match-metadata check skips it by `include_name`. On SQLite, batch-altering the
products table recreates it without the triggers: a migration that does so must call
`install(op)` again afterwards.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Float, func, literal_column, table
from sqlalchemy.sql.expression import Select

SEARCH_TABLE = "product_search"  # SQLite FTS5 (and its shadow tables, product_search_*)
SEARCH_COLUMN = "search_vector"  # PostgreSQL generated tsvector on products
SEARCH_INDEX = "ix_products_search_vector"

# PostgreSQL's parser keeps "10.5", "wool/cotton" or "example.com" as one token, which no
# search word (letters and digits only, see `search_terms`) could then match: punctuation is
# turned into spaces first, so both databases split text into the same words.
# Accents are removed with the unaccent extension (trusted: a database owner may install it),
# through an IMMUTABLE wrapper naming its dictionary, as a generated column requires.
_UNACCENT = "agora_unaccent"
_POSTGRES_WORDS = f"regexp_replace({_UNACCENT}(coalesce({{column}}, '')), '[[:punct:]]+', ' ', 'g')"
_POSTGRES_FUNCTIONS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""CREATE OR REPLACE FUNCTION {_UNACCENT}(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$""",
]
_POSTGRES_INSTALL = [
    *_POSTGRES_FUNCTIONS,
    f"""ALTER TABLE products ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', {_POSTGRES_WORDS.format(column="name")}), 'A')
        || setweight(
            to_tsvector('simple', {_POSTGRES_WORDS.format(column="description_text")}), 'B'
        )
    ) STORED""",
    f"CREATE INDEX {SEARCH_INDEX} ON products USING gin ({SEARCH_COLUMN})",
]
_POSTGRES_REMOVE = [
    f"DROP INDEX IF EXISTS {SEARCH_INDEX}",
    f"ALTER TABLE products DROP COLUMN IF EXISTS {SEARCH_COLUMN}",
    f"DROP FUNCTION IF EXISTS {_UNACCENT}(text)",
]
_SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(
        name, description_text, content='products', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER IF NOT EXISTS products_search_insert AFTER INSERT ON products BEGIN
        INSERT INTO product_search(rowid, name, description_text)
        VALUES (new.rowid, new.name, new.description_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS products_search_delete AFTER DELETE ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, description_text)
        VALUES ('delete', old.rowid, old.name, old.description_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS products_search_update
        AFTER UPDATE OF name, description_text ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, description_text)
        VALUES ('delete', old.rowid, old.name, old.description_text);
        INSERT INTO product_search(rowid, name, description_text)
        VALUES (new.rowid, new.name, new.description_text);
    END""",
    "INSERT INTO product_search(product_search) VALUES ('rebuild')",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS products_search_insert",
    "DROP TRIGGER IF EXISTS products_search_delete",
    "DROP TRIGGER IF EXISTS products_search_update",
    "DROP TABLE IF EXISTS product_search",
]


def install(op: Any) -> None:
    """Build the index (from a migration: `op` is alembic's)."""
    dialect = op.get_bind().dialect.name
    for statement in _POSTGRES_INSTALL if dialect == "postgresql" else _SQLITE_INSTALL:
        op.execute(statement)


def reinstall(op: Any) -> None:
    """Rebuild the index with the current definition (a migration that changes it)."""
    remove(op)
    install(op)


def remove(op: Any) -> None:
    dialect = op.get_bind().dialect.name
    for statement in _POSTGRES_REMOVE if dialect == "postgresql" else _SQLITE_REMOVE:
        op.execute(statement)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name`: the search index is not part of the declared metadata."""
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLE):
        return False
    return not (type_ == "column" and name == SEARCH_COLUMN) and name != SEARCH_INDEX


def is_search_table(name: str) -> bool:
    return name.startswith(SEARCH_TABLE)


_FTS = table(SEARCH_TABLE, literal_column("rowid"))


def matching(statement: Select[Any], dialect: str, terms: Sequence[str]) -> Select[Any]:
    """Only products whose name or description has every term (as a word prefix)."""
    if dialect == "postgresql":
        return statement.where(_vector().op("@@")(_tsquery(terms)))
    return statement.join(_FTS, literal_column(f"{SEARCH_TABLE}.rowid") == _rowid()).where(
        literal_column(SEARCH_TABLE).op("MATCH")(_fts_query(terms))
    )


def rank(dialect: str, terms: Sequence[str]) -> ColumnElement[float]:
    """Relevance of the matched product (higher is better); needs `matching` in the query."""
    if dialect == "postgresql":
        return func.ts_rank(_vector(), _tsquery(terms), type_=Float)
    # bm25 is lower-is-better; name weighs ten times the description.
    return -func.bm25(literal_column(SEARCH_TABLE), 10.0, 1.0, type_=Float)


def _vector() -> ColumnElement[Any]:
    return literal_column(f"products.{SEARCH_COLUMN}")


def _rowid() -> ColumnElement[Any]:
    return literal_column("products.rowid")


def _tsquery(terms: Sequence[str]) -> ColumnElement[Any]:
    query = " & ".join(f"{term}:*" for term in terms)
    return func.to_tsquery("simple", getattr(func, _UNACCENT)(query))


def _fts_query(terms: Sequence[str]) -> str:
    return " ".join(f'"{term}"*' for term in terms)
