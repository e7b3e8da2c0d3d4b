"""manage.py backup → manage.py restore into an empty installation: every row count and every
file checksum identical. Each installation is its own manage.py processes, on SQLite, or on two
new databases of the PostgreSQL server when DATABASE_URL names one (CI)."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


SERVER = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER.startswith(("postgres://", "postgresql://"))


def database_url(root: Path) -> str:
    if not ON_POSTGRES:
        return f"sqlite:///{root / 'db.sqlite3'}"
    import psycopg

    name = f"ntm_backup_{root.name}_{os.getpid()}"
    server = SERVER.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop(url: str):
    if ON_POSTGRES:
        import psycopg

        server, name = url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def installation(root: Path) -> dict:
    root.mkdir()
    return {
        **os.environ,
        "DATABASE_URL": database_url(root),
        "DJANGO_MEDIA_ROOT": str(root / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(root / "private_media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300, check=check,
    )  # fmt: skip


def rows(env) -> dict:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        query = "SELECT name FROM sqlite_master WHERE type='table'"
    else:
        import psycopg

        connection = psycopg.connect(url)
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    try:
        tables = [t for (t,) in connection.execute(query).fetchall() if t != "django_cache"]
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()


def checksums(root: Path) -> dict:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


ADD_AN_APPLICATION = """
from applications import pdf
from tests.applications.factories import submit_application
application = submit_application()
pdf.generate(application.versions.get())
"""


def test_backup_and_restore_give_identical_rows_and_files(tmp_path):
    source = installation(tmp_path / "source")
    target = installation(tmp_path / "target")
    try:
        round_trip(tmp_path, source, target)
    finally:
        drop(source["DATABASE_URL"])
        drop(target["DATABASE_URL"])


def round_trip(tmp_path, source, target):
    manage(source, "migrate", "--no-input", "-v0")
    manage(source, "seed_demo", "--supporters", "30", "--events", "10")
    manage(source, "shell", "-c", ADD_AN_APPLICATION)
    source_root = tmp_path / "source"
    assert list((source_root / "private_media").rglob("*.pdf"))  # personal data to carry
    archive = tmp_path / "backup.tar"
    output = manage(source, "backup", str(archive)).stdout
    assert "backup:" in output
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    manage(target, "migrate", "--no-input", "-v0")
    target_root = tmp_path / "target"
    assert rows(target) != rows(source)  # control
    assert "restored and checked" in manage(target, "restore", str(archive)).stdout

    assert rows(target) == rows(source)
    for folder in ("media", "private_media"):
        assert checksums(target_root / folder) == checksums(source_root / folder)
    assert checksums(target_root / "private_media")

    again = manage(target, "restore", str(archive), check=False)
    assert again.returncode != 0 and "not empty" in again.stderr
