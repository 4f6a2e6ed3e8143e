"""The demo app: sample content for development, the quick start, tests and benchmarks.

Installed only by the development and test settings (and the benchmark's), never in production:
it has no models, and ``manage.py seed_demo`` exists only where it is installed.
"""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    label = "demo"
