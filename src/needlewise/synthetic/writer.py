"""Writes a batch of rows: PostgreSQL COPY, or batched INSERTs on other databases.

Both skip the models' `save()` and signals on purpose (the generators set every field); every
foreign key is still checked before a batch commits. Ids are
reserved before the rows are built: from each table's own sequence on PostgreSQL, so a server
running beside us never collides with them; from the current maximum elsewhere (SQLite has one
writer at a time anyway)."""

from __future__ import annotations

import json
import threading
from queue import Queue
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from needlewise.synthetic.tables import SPECS, Rows, json_columns

INSERT_BATCH = 2_000


class Writer:
    def __init__(self, conn: BaseDatabaseWrapper = connection) -> None:
        self.conn = conn
        self.copy = conn.vendor == "postgresql"
        self._next: dict[str, int] = {}
        self._sequences: dict[str, str] = {}
        self._superuser: bool | None = None

    def _table(self, name: str) -> str:
        return SPECS[name][0]._meta.db_table

    def reserve(self, name: str, n: int) -> range:
        """`n` consecutive ids nobody else will use for table `name`."""
        if not self.copy:
            if name not in self._next:
                with self.conn.cursor() as cursor:
                    table = self.conn.ops.quote_name(self._table(name))
                    cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608
                    self._next[name] = (cursor.fetchone()[0] or 0) + 1
            start = self._next[name]
            self._next[name] = start + n
            return range(start, start + n)
        sequence = self._sequence(name)
        # ALTER SEQUENCE holds nextval() of every other session until we commit, so the block
        # from nextval() to setval() is ours alone, even with the app inserting beside us.
        with transaction.atomic(using=self.conn.alias), self.conn.cursor() as cursor:
            cursor.execute(f"ALTER SEQUENCE {sequence} INCREMENT BY 1")
            cursor.execute("SELECT nextval(%s)", [sequence])
            start = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [sequence, start + n - 1])
        return range(start, start + n)

    def _sequence(self, name: str) -> str:
        if name not in self._sequences:
            with self.conn.cursor() as cursor:
                table = self.conn.ops.quote_name(self._table(name))
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                self._sequences[name] = cursor.fetchone()[0]
        return self._sequences[name]

    def write(self, rows: Rows) -> None:
        """Every table's rows, parents first, in the caller's transaction."""
        if not self.copy:
            for name, table_rows in rows.items():
                if table_rows:
                    self._insert(name, table_rows)
            return
        unchecked = self._may_skip_triggers()
        with self.conn.cursor() as cursor:
            if unchecked:  # for this transaction only; rolled back with it on any error
                cursor.execute("SELECT set_config('session_replication_role', 'replica', true)")
            for name, table_rows in rows.items():
                if table_rows:
                    self._copy(name, table_rows)
            if unchecked:
                self._check_references(cursor, rows)
                cursor.execute("SELECT set_config('session_replication_role', 'origin', true)")

    def _may_skip_triggers(self) -> bool:
        """PostgreSQL checks a foreign key with one query per row, which is half the load time
        here. A superuser may switch those triggers off for the load; `_check_references`
        then checks every reference of the rows at once, before the commit."""
        if self._superuser is None:
            with self.conn.cursor() as cursor:
                cursor.execute("SELECT current_setting('is_superuser') = 'on'")
                self._superuser = bool(cursor.fetchone()[0])
        return self._superuser and self.conn.in_atomic_block

    def _check_references(self, cursor: Any, rows: Rows) -> None:
        qn = self.conn.ops.quote_name
        for name, table_rows in rows.items():
            if not table_rows:
                continue
            model = SPECS[name][0]
            low, high = min(r[0] for r in table_rows), max(r[0] for r in table_rows)
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                parent = field.related_model._meta.db_table  # type: ignore[union-attr]
                target = field.target_field.column  # type: ignore[attr-defined]
                cursor.execute(
                    f"SELECT c.id FROM {qn(model._meta.db_table)} c "  # noqa: S608
                    f"WHERE c.id BETWEEN %s AND %s AND c.{qn(field.column)} IS NOT NULL "
                    f"AND NOT EXISTS (SELECT 1 FROM {qn(parent)} p "
                    f"WHERE p.{qn(target)} = c.{qn(field.column)}) LIMIT 1",
                    [low, high],
                )
                if (found := cursor.fetchone()) is not None:
                    raise IntegrityError(
                        f"{model._meta.db_table} row {found[0]}: {field.column} points at no "
                        f"{parent} row"
                    )

    def _copy(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        qn = self.conn.ops.quote_name
        columns = ", ".join(qn(c) for c in SPECS[name][1])
        sql = f"COPY {qn(self._table(name))} ({columns}) FROM STDIN"
        with self.conn.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def _insert(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        model, columns = SPECS[name]
        fields = [model._meta.get_field(c) for c in columns]
        as_json = json_columns(name)
        qn = self.conn.ops.quote_name
        sql = (
            f"INSERT INTO {qn(self._table(name))} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        prepared = [
            [
                f.get_db_prep_save(json.loads(v) if i in as_json else v, self.conn)
                for i, (f, v) in enumerate(zip(fields, row, strict=True))
            ]
            for row in rows
        ]
        with self.conn.cursor() as cursor:
            for start in range(0, len(prepared), INSERT_BATCH):
                cursor.executemany(sql, prepared[start : start + INSERT_BATCH])


class Background:
    """Writes batches on a thread with its own connection, each in its own transaction, while
    the caller builds the next one: PostgreSQL ingests on one core while Python generates on
    the other. Used only outside a caller's transaction (the rows could not join it)."""

    def __init__(self) -> None:
        self.queue: Queue[Rows | None] = Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="synthetic-writer", daemon=True)

    def _run(self) -> None:
        writer = Writer()  # `connection` is per thread: this thread's own
        try:
            while (rows := self.queue.get()) is not None:
                if self.error is None:
                    with transaction.atomic(), connection.cursor() as cursor:
                        # Synthetic rows are not worth an fsync per chunk; a crash loses at
                        # most the last chunks, never consistency.
                        cursor.execute("SET LOCAL synchronous_commit = off")
                        writer.write(rows)
        except BaseException as error:  # handed to the caller by put() or close()
            self.error = error
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()

    def __enter__(self) -> Background:
        self.thread.start()
        return self

    def put(self, rows: Rows) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(rows)

    def __exit__(self, *exc: object) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and exc[0] is None:
            raise self.error


class Inline:
    """Writes each batch at once, in a transaction (a savepoint inside the caller's)."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    def __enter__(self) -> Inline:
        return self

    def put(self, rows: Rows) -> None:
        with transaction.atomic():
            self.writer.write(rows)

    def __exit__(self, *exc: object) -> None:
        return None


def sink(writer: Writer) -> Background | Inline:
    """In the background on PostgreSQL when we own the transactions, else inline."""
    if writer.copy and not writer.conn.in_atomic_block:
        return Background()
    return Inline(writer)
