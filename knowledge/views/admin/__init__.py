"""Admin screens of knowledge management (under /admin/wissen/), one module per screen.

The views are wired to URLs and to the "Wissensmanagement" menu by the viewsets in
``knowledge.viewsets``; ``base`` holds what every screen shares (Wagtail's furniture and
permission checks).
"""
