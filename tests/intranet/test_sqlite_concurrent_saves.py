"""The embedded quick start (SQLite): two saves at the same time wait for each other instead of
failing with "database is locked". Runs the settings in a separate process against a fresh
SQLite file; each thread reads, pauses and writes in one transaction (what a page save does)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, who TEXT)")
connection.close()

errors = []

def save(who):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM saves")
                time.sleep(0.3)
                cursor.execute("INSERT INTO saves (who) VALUES (%s)", [who])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save, args=(name,)) for name in ("a", "b", "c")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM saves")
    print("saved", cursor.fetchone()[0], "errors", errors)
"""


def test_simultaneous_saves_on_sqlite_wait_instead_of_failing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'quickstart.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "saved 3 errors []"
