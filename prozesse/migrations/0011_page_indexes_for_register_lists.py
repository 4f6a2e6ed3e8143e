"""Two indexes on Wagtail's page table for the lists every visitor sees.

The register table sorts live pages by title, the start page's "Zuletzt geändert" by the date
of publication. Without an index PostgreSQL sorted every live page for each visit (at 100,000
pages about 150-400 ms of database time, sorting on disk); with them it reads the first rows
in order. Wagtail's own migrations create neither index, so this app adds them to the table it
builds on. Both are partial (``WHERE live``) because both lists show live pages only; the id
after the title is the register's tie-breaker, so that pages of the table neither repeat nor
skip entries with the same title.
"""

from django.db import migrations

INDEXES = {
    "prozesse_page_live_title_idx": "(title, id)",
    "prozesse_page_live_published_idx": "(last_published_at DESC)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("prozesse", "0010_scenario_exercises_live_in_readiness"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page {columns} WHERE live",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
