"""On SQLite, an FTS5 index over library_searchentry, kept in step by triggers.
On PostgreSQL nothing is created: search uses django.contrib.postgres.search instead."""

from __future__ import annotations

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE library_search_fts USING fts5("
    "title, body, content='library_searchentry', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER library_search_ai AFTER INSERT ON library_searchentry BEGIN "
    "INSERT INTO library_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER library_search_ad AFTER DELETE ON library_searchentry BEGIN "
    "INSERT INTO library_search_fts(library_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER library_search_au AFTER UPDATE ON library_searchentry BEGIN "
    "INSERT INTO library_search_fts(library_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO library_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
DROP = [
    "DROP TRIGGER IF EXISTS library_search_au",
    "DROP TRIGGER IF EXISTS library_search_ad",
    "DROP TRIGGER IF EXISTS library_search_ai",
    "DROP TABLE IF EXISTS library_search_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
