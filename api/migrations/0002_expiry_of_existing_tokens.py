"""Tokens created before expiries existed (``create_search_api_token``) keep working for the
default validity from the day of this migration, instead of being refused at once."""

import datetime

from django.db import migrations
from django.utils import timezone

#: api.tokens.DEFAULT_VALIDITY_DAYS when this migration was written (migrations stay frozen).
DAYS = 90


def give_existing_tokens_an_expiry(apps, schema_editor):
    APIToken = apps.get_model("wagtailcore", "APIToken")
    TokenExpiry = apps.get_model("api", "TokenExpiry")
    valid_until = timezone.localdate() + datetime.timedelta(days=DAYS)
    TokenExpiry.objects.bulk_create(
        TokenExpiry(token=token, valid_until=valid_until)
        for token in APIToken.objects.filter(expiry__isnull=True, revoked_at__isnull=True)
    )


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.RunPython(give_existing_tokens_an_expiry, migrations.RunPython.noop),
    ]
