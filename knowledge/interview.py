"""The handover interview as one form: six topics, every saved answer editable in place and
one new answer per topic, all sent with one "Speichern".

It used to be one form per topic; saving one silently dropped what was typed in the others.
Now a failed check shows every box again with what was typed, and a successful save keeps
every answer. Each topic is a model formset (prefix = topic) over the handover's answers.
"""

from __future__ import annotations

from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from knowledge.forms import InterviewEntryForm
from knowledge.models import TOPIC_PROMPTS, Handover, InterviewEntry, InterviewTopic


class TopicFormSet(BaseModelFormSet):
    """The answers of one topic; a new, empty answer box is simply skipped."""

    def __init__(self, *args, topic: str, **kwargs):
        self.topic = topic
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Antwort löschen")

    def save_new(self, form, commit=True):
        form.instance.topic = self.topic
        form.instance.handover = form.handover
        return super().save_new(form, commit=commit)


TopicFormSetClass = modelformset_factory(
    InterviewEntry,
    form=InterviewEntryForm,
    formset=TopicFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


class InterviewForm:
    """The six topic formsets of one handover, validated and saved together."""

    def __init__(self, handover: Handover, *, entries, items, data=None):
        """``entries``: the handover's answers the user may see (with their visible pages);
        ``items``: the handover's items the user may see (their pages can be linked)."""
        self.handover = handover
        self.sections = []
        for topic, label in InterviewTopic.choices:
            formset = TopicFormSetClass(
                data,
                queryset=entries.filter(topic=topic),
                prefix=topic,
                topic=topic,
                form_kwargs={"handover": handover, "items": items},
            )
            self.sections.append(
                {
                    "topic": topic,
                    "label": label,
                    "prompt": TOPIC_PROMPTS[topic],
                    "formset": formset,
                }
            )

    def is_valid(self) -> bool:
        # Every formset is checked (no short-circuit), so every error is shown at once.
        results = [section["formset"].is_valid() for section in self.sections]
        return all(results)

    def save(self) -> tuple[int, int]:
        """Save every topic; returns (answers saved, answers deleted)."""
        saved = deleted = 0
        for section in self.sections:
            formset = section["formset"]
            formset.save()
            saved += len(formset.new_objects) + len(formset.changed_objects)
            deleted += len(formset.deleted_objects)
        return saved, deleted

    @property
    def error_count(self) -> int:
        return sum(
            len([errors for errors in section["formset"].errors if errors])
            + len(section["formset"].non_form_errors())
            for section in self.sections
        )
