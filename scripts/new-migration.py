"""Autogenerate a migration against a scratch database: `python scripts/new-migration.py ID "message"`.

The scratch database is built by the existing migrations on the embedded server in var/dev-migrations,
so the new revision contains exactly the difference between the models and the current head.
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command

from workmate.core import embedded
from workmate.migrations_state import alembic_config, upgrade


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    url = embedded.start(Path("var/dev-migrations"), database="postgres")
    embedded.drop_database(url, "scratch")
    embedded.create_database(url, "scratch")
    from workmate.core.database_url import with_database

    scratch = with_database(url, "scratch")
    upgrade(scratch)
    config = alembic_config(scratch)
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_" + rev_id + "-%%(slug)s")
    command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
