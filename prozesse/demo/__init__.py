"""Demo content for the Prozessregister.

Plain data lives in ``prozesse.demo.data``; :func:`prozesse.demo.seed.seed_demo` (or
``manage.py seed_demo``) maps it onto pages and snippets. Both are idempotent.
"""
