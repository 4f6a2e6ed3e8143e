"""The former name of ``manage.py create_api_token`` (api app), kept so existing set-up scripts
keep working: the search API and the read API accept the same tokens."""

from api.management.commands.create_api_token import Command as CreateApiToken


class Command(CreateApiToken):
    default_name = "Such-API"
