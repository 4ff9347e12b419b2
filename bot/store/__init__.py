"""The SQLite store: ``schema`` (tables, migrations, connections) and ``queries`` (the ``Store`` itself)."""

from bot.store.queries import DOWN, UP, Gap, ReloadRecord, Store, StoredVersion, Where

__all__ = ["DOWN", "UP", "Gap", "ReloadRecord", "Store", "StoredVersion", "Where"]
