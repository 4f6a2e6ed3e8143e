"""Wagtail search backends with German query compilation and index-failure recording.

Each module is a drop-in replacement for the Wagtail backend of the same name; the settings
point at them (``search/engine.py``).
"""
