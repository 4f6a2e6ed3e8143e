"""Demo content for the Prozessregister.

Plain data lives in ``demo.data``; :func:`demo.seed.seed_demo` (or
``manage.py seed_demo``) maps it onto pages and snippets. Both are idempotent.
"""
