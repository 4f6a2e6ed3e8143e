"""Admin screen "API-Tokens" (settings menu): Wagtail's ``APITokenViewSet`` with an expiry.

Wagtail registers its viewset only when ``wagtail.api.v3`` is installed, which would also serve
Wagtail's own API routes that do not know our visibility rule; so ``api.wagtail_hooks``
registers this subclass under Wagtail's own name (its templates link to
``wagtailusers_api_tokens:index``). What it adds:

- "Gültig bis" on the create and edit forms (default ``DEFAULT_VALIDITY_DAYS``, at most
  ``MAX_VALIDITY_DAYS`` ahead) and in the listing;
- everyone with the APIToken permissions (every provisioned role with admin access) manages
  their *own* tokens; only superusers see and manage other people's (Wagtail would also let
  holders of ``auth.change_user`` do so).

The plaintext is shown once on the page after creation; only its hash is stored.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log
from wagtail.models import APIToken
from wagtail.users.views import api_tokens as wagtail_views

from api import tokens

ADD_PERMISSION = "wagtailcore.add_apitoken"


def manageable_owners(user) -> QuerySet:
    """Whose tokens ``user`` may see and manage: everybody's for superusers, else their own."""
    users = get_user_model().objects.all()
    return users if user.is_superuser else users.filter(pk=user.pk)


def _valid_until_field(initial: datetime.date | None) -> forms.DateField:
    return forms.DateField(
        label=_("Gültig bis"),
        widget=AdminDateInput(),
        initial=initial or tokens.default_valid_until(),
        help_text=_(
            "Letzter Tag, an dem das Token angenommen wird – höchstens %(days)s Tage ab heute."
        )
        % {"days": tokens.MAX_VALIDITY_DAYS},
    )


def _check_valid_until(value: datetime.date, unchanged: datetime.date | None = None):
    if value == unchanged:
        return value
    if value < timezone.localdate():
        raise forms.ValidationError(_("Das Datum darf nicht in der Vergangenheit liegen."))
    latest = tokens.latest_valid_until()
    if value > latest:
        raise forms.ValidationError(
            _("Ein Token gilt höchstens %(days)s Tage, also bis spätestens %(date)s.")
            % {"days": tokens.MAX_VALIDITY_DAYS, "date": latest.strftime("%d.%m.%Y")}
        )
    return value


class TokenCreateForm(wagtail_views.APITokenForm):
    def __init__(self, *args, manageable_users, **kwargs):
        super().__init__(*args, manageable_users=manageable_users, **kwargs)
        self.fields["name"].help_text = _("Wofür? z. B. „Auswertung Fachbereich“")
        self.fields["valid_until"] = _valid_until_field(None)
        if manageable_users.count() == 1:
            # One's own token: no choice to make.
            owner = manageable_users.get()
            self.fields["user"].initial = owner.pk
            self.fields["user"].widget = forms.HiddenInput()

    def clean_valid_until(self):
        return _check_valid_until(self.cleaned_data["valid_until"])


class TokenEditForm(WagtailAdminModelForm):
    """Rename and extend (or shorten) a token."""

    class Meta:
        model = APIToken
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        expiry = getattr(self.instance, "expiry", None)
        self.current_valid_until = expiry.valid_until if expiry is not None else None
        self.fields["valid_until"] = _valid_until_field(self.current_valid_until)

    def clean_valid_until(self):
        return _check_valid_until(self.cleaned_data["valid_until"], self.current_valid_until)


def valid_until_label(token: APIToken) -> str:
    expiry = getattr(token, "expiry", None)
    if expiry is None:
        return str(_("ohne (wird abgelehnt)"))
    label = expiry.valid_until.strftime("%d.%m.%Y")
    return str(_("%(date)s (abgelaufen)") % {"date": label}) if expiry.expired() else label


class OwnTokensOnly:
    """Narrows Wagtail's token querysets to :func:`manageable_owners`."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(user__in=manageable_owners(self.request.user))
            .select_related("user", "expiry")
        )


class TokenFilterSet(wagtail_views.APITokenFilterSet):
    user = MultipleUserFilter(
        label=_("Benutzer"),
        field_name="user",
        queryset=lambda request: manageable_owners(request.user),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(wagtail_views.APITokenFilterSet.Meta):
        pass


class IndexView(OwnTokensOnly, wagtail_views.IndexView):
    filterset_class = TokenFilterSet

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if not self.request.user.is_superuser:  # they see only their own tokens
            columns = [column for column in columns if column.name != "user"]
        at = next(i for i, column in enumerate(columns) if column.name == "created")
        columns.insert(at, Column("valid_until", label=_("Gültig bis"), accessor=valid_until_label))
        return columns


class CreateView(wagtail_views.CreateView):
    template_name_created = "api/admin/token_created.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["manageable_users"] = manageable_owners(self.request.user).filter(is_active=True)
        return kwargs

    def form_valid(self, form):
        owner = form.cleaned_data["user"]
        if not (
            self.request.user.has_perm(ADD_PERMISSION)
            and manageable_owners(self.request.user).filter(pk=owner.pk).exists()
        ):
            raise PermissionDenied
        valid_until = form.cleaned_data["valid_until"]
        self.object, plaintext = tokens.create_token(owner, form.cleaned_data["name"], valid_until)
        log(self.object, "wagtail.apitoken.create", user=self.request.user)
        context = self.get_created_context(plaintext)
        context["valid_until"] = valid_until
        return TemplateResponse(self.request, self.template_name_created, context)


class EditView(OwnTokensOnly, wagtail_views.EditView):
    def save_instance(self):
        instance = super().save_instance()
        valid_until = self.form.cleaned_data["valid_until"]
        if valid_until != self.form.current_valid_until:
            tokens.set_valid_until(instance, valid_until)
        return instance


class RevokeView(OwnTokensOnly, wagtail_views.RevokeView):
    pass


class TokenViewSet(wagtail_views.APITokenViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = RevokeView

    def get_form_class(self, for_update: bool = False):
        return TokenEditForm if for_update else TokenCreateForm
