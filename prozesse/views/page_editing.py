"""Editing pages in the admin: a save based on an outdated version is refused, never a silent
overwrite.

Wagtail's edit form posts the revision it was loaded with (``loaded_revision_id`` and its time)
and compares it with the latest revision (``EditView.is_out_of_date``), but refuses only
autosave requests. Two editors saving the same page within seconds would lose the first one's
change. This view refuses every outdated save with a German message and shows the form again
with the user's input, so they can compare (history) and save once more on top of the newer
version. It is the edit view of every page type of the intranet (``PageViewSet`` per model,
registered in ``prozesse/wagtail_hooks.py``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

OUTDATED_MESSAGE = _(
    "Nicht gespeichert: Jemand hat diese Seite gespeichert, nachdem Sie sie geöffnet haben. "
    "Ihre Eingaben stehen noch im Formular. Sehen Sie sich die neuere Fassung in der Historie "
    "an und speichern Sie dann erneut – Ihre Fassung ersetzt dann die neuere."
)


class OutdatedSaveRefusingEditView(EditView):
    def post(self, request, *args, **kwargs):
        if (
            self.expects_json_response
            or self.is_cancelling_workflow
            or self.page.alias_of_id
            or not self.is_out_of_date
        ):
            return super().post(request, *args, **kwargs)
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        messages.error(request, str(OUTDATED_MESSAGE))
        # The form now carries the latest revision: a second save is a deliberate choice.
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


def page_viewsets(models) -> list[PageViewSet]:
    """One admin viewset per page model, each with the refusing edit view."""
    return [
        PageViewSet(
            name=f"{model._meta.app_label}_{model._meta.model_name}_pages",
            model=model,
            edit_view_class=OutdatedSaveRefusingEditView,
        )
        for model in models
    ]
