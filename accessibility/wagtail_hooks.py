"""Registers the admin list of barrier reports."""

from wagtail.snippets.models import register_snippet

from accessibility.viewsets import BarrierReportViewSet

register_snippet(BarrierReportViewSet)
