"""Backups: the database and both media folders in one archive, with a manifest of checksums and
row counts, and the restore of such an archive into an empty installation.

The archive (``.tar``) holds ``manifest.json``, the database (``database.sqlite3`` made with
SQLite's online backup API, or ``database.dump``, ``pg_dump --format=custom``), and the files
under ``media/`` (public uploads) and ``private_media/`` (personal data). It contains personal
data: keep it encrypted at rest with access limited (README, "Backups").
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
FOLDERS = {"media": "MEDIA_ROOT", "private_media": "PRIVATE_MEDIA_ROOT"}
# Tables that hold content; a restore refuses a database where any of them has rows.
CONTENT_TABLES = ("auth_user", "supporters_supporter", "events_event", "applications_application")


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Every table's number of rows, the cache table left out (it is not data)."""
    tables = sorted(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table == "django_cache":
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files() -> dict[str, str]:
    """Archive name → sha256 of every file of both media folders."""
    files = {}
    for prefix, setting in FOLDERS.items():
        root = Path(getattr(settings, setting))
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files[f"{prefix}/{path.relative_to(root).as_posix()}"] = sha256(path)
    return files


def _postgres_env():
    database = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    args = ["--host", database.get("HOST") or "127.0.0.1", "--port", str(database.get("PORT") or 5432),
            "--username", database.get("USER") or "postgres"]  # fmt: skip
    return env, args, database["NAME"]


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        name = "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target / name)
        with destination:
            connection.connection.backup(destination)
        destination.close()
    elif connection.vendor == "postgresql":
        name = "database.dump"
        env, args, database = _postgres_env()
        subprocess.run(
            ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(target / name),
             database],
            env=env, check=True,
        )  # fmt: skip
    else:
        raise BackupError(f"No backup for {connection.vendor}")
    return name


def backup(archive: Path) -> dict:
    """Write the archive; returns its manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database_name = _dump_database(work)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": connection.vendor,
            "database": database_name,
            "database_sha256": sha256(work / database_name),
            "row_counts": row_counts(),
            "files": media_files(),
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(work / database_name, arcname=database_name)
            for prefix, setting in FOLDERS.items():
                root = Path(getattr(settings, setting))
                for name in manifest["files"]:
                    if name.startswith(prefix + "/"):
                        tar.add(root / name.removeprefix(prefix + "/"), arcname=name)
    os.chmod(archive, 0o600)
    return manifest


def _is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in CONTENT_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    # Files, not folders: /healthz leaves an empty folder behind in private storage.
    folders = (Path(getattr(settings, s)) for s in FOLDERS.values())
    return not any(path.is_file() for folder in folders for path in folder.rglob("*"))


def _load_database(path: Path, vendor: str):
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database; this installation uses {connection.vendor}"
        )
    if vendor == "sqlite":
        source = sqlite3.connect(path)
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
    else:
        connection.close()
        env, args, database = _postgres_env()
        subprocess.run(
            ["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--exit-on-error",
             "--dbname", database, str(path)],
            env=env, check=True,
        )  # fmt: skip


def restore(archive: Path) -> dict:
    """Load the archive into this (empty) installation and check every count and checksum."""
    if not _is_empty():
        raise BackupError("This installation is not empty; restore only into an empty one.")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive) as tar:
        work = Path(work)
        tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("Unknown archive format")
        database = work / manifest["database"]
        if sha256(database) != manifest["database_sha256"]:
            raise BackupError("The database file does not match its checksum")
        for name, checksum in manifest["files"].items():
            if sha256(work / name) != checksum:
                raise BackupError(f"{name} does not match its checksum")
        _load_database(database, manifest["vendor"])
        for prefix, setting in FOLDERS.items():
            source = work / prefix
            if source.is_dir():
                shutil.copytree(source, Path(getattr(settings, setting)), dirs_exist_ok=True)
    problems = []
    if row_counts() != manifest["row_counts"]:
        problems.append("row counts differ")
    if media_files() != manifest["files"]:
        problems.append("files differ")
    if problems:
        raise BackupError("Restored, but " + " and ".join(problems))
    return manifest
