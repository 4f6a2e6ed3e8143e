"""The register's read API (``/api/v1/``) and the API tokens that open it.

A small read-only django-ninja API of our own rather than Wagtail's API v3 pages router: every
answer must go through the one visibility rule (``prozesse/visibility.py``: group and password
restrictions, the towns' and departments' "Sichtbarkeit"), which Wagtail's router does not
know. Tokens are Wagtail's ``APIToken`` (only a hash is stored) with an expiry of ours
(``api.models.TokenExpiry``); users create, rename, extend and revoke their own in the admin.
"""
