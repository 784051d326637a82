"""The database file: opening and refusing, pragmas, migrations, backup, change log."""

from hzconsole.store.database import Database, create_database, open_database
from hzconsole.store.errors import StoreError

__all__ = ["Database", "StoreError", "create_database", "open_database"]
