"""The staff sign-in flow: password, then a code from the authenticator app (or a recovery code);
enrolment of the app for accounts that have none. Logic lives in second_factor.py."""

from django.contrib import admin, messages
from django.contrib.auth import login as auth_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from . import second_factor, sessions
from .forms import (
    CODE_REFUSED,
    RECOVERY_CODE_REFUSED,
    CodeForm,
    RecoveryCodeForm,
    StaffAuthenticationForm,
)
from .policy import second_factor_required


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class FlowView(FormView):
    """Common to the sign-in pages: the admin's look, the ``next`` address carried along."""

    title = ""

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next", "")
        return second_factor.safe_next(self.request, candidate)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            site_header=admin.site.site_header,
            site_title=admin.site.site_title,
            title=self.title,
            next=self.next_url(),
        )
        return context


class StaffLoginView(FlowView):
    template_name = "accounts/login.html"
    form_class = StaffAuthenticationForm
    title = "ログイン"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff:
            if second_factor.needs_second_step(request):
                return redirect(second_factor.next_step(request.user, self.next_url()))
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        user = form.get_user()
        if second_factor_required(user):
            second_factor.begin(self.request, user)
            return redirect(second_factor.next_step(user, self.next_url()))
        auth_login(self.request, user)
        return redirect(self.next_url())


class SecondStepView(FlowView):
    """A page for an account half-way through signing in (or signed in without a factor). A
    code step sets ``verify(request, user, code)`` and the message shown when it fails."""

    verify = None
    refused = ""

    def dispatch(self, request, *args, **kwargs):
        self.user = second_factor.flow_user(request)
        if self.user is None:
            return redirect(second_factor.step_url("accounts:login", self.next_url()))
        if second_factor.is_verified(request):
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if self.verify(self.request, self.user, form.cleaned_data["code"]):
            self.on_verified()
            return redirect(self.next_url())
        form.add_error(None, self.refused)
        return self.form_invalid(form)

    def on_verified(self):
        pass


class VerifyView(SecondStepView):
    template_name = "accounts/verify.html"
    form_class = CodeForm
    title = "確認コードの入力"
    verify = staticmethod(second_factor.verify_app_code)
    refused = CODE_REFUSED

    def get(self, request, *args, **kwargs):
        if second_factor.confirmed_totp_device(self.user) is None:
            return redirect(second_factor.next_step(self.user, self.next_url()))
        return super().get(request, *args, **kwargs)


class RecoveryView(SecondStepView):
    template_name = "accounts/recovery.html"
    form_class = RecoveryCodeForm
    title = "リカバリーコードの入力"
    verify = staticmethod(second_factor.verify_recovery_code)
    refused = RECOVERY_CODE_REFUSED

    def on_verified(self):
        remaining = second_factor.remaining_recovery_codes(self.user)
        messages.warning(
            self.request,
            f"リカバリーコードでログインしました。残りのリカバリーコードは {remaining} 個です。"
            "スマートフォンを紛失した場合は、管理者に二段階認証のリセットを依頼してください。",
        )


class SetupView(SecondStepView):
    """Enrolment: QR code and the secret as text, confirmed with a first code."""

    template_name = "accounts/setup.html"
    form_class = CodeForm
    title = "二段階認証の設定"

    def dispatch(self, request, *args, **kwargs):
        user = second_factor.flow_user(request)
        if user is not None and second_factor.confirmed_totp_device(user) is not None:
            if second_factor.is_verified(request):
                messages.info(request, "二段階認証はすでに設定されています。")
                return redirect(reverse("admin:index"))
            # Adding a device needs the existing one: a password alone must not be enough.
            return redirect(second_factor.step_url("accounts:otp-verify", self.next_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = second_factor.enrolment_device(self.request, self.user)
        return super().get_context_data(
            qr_code=second_factor.qr_code_data_uri(device),
            secret=second_factor.secret_text(device),
            required=second_factor_required(self.user),
            **kwargs,
        )

    def form_valid(self, form):
        device = second_factor.enrolment_device(self.request, self.user)
        if second_factor.confirm_enrolment(
            self.request, self.user, device, form.cleaned_data["code"]
        ):
            return redirect(second_factor.step_url("accounts:recovery-codes", self.next_url()))
        form.add_error(None, CODE_REFUSED)
        return self.form_invalid(form)


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(TemplateView):
    """Shows the recovery codes issued at enrolment, once: they leave the session here."""

    template_name = "accounts/recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        self.codes = request.session.pop(second_factor.NEW_RECOVERY_CODES, None)
        if not self.codes or not second_factor.is_verified(request):
            return redirect(reverse("admin:index"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            site_header=admin.site.site_header,
            site_title=admin.site.site_title,
            title="リカバリーコード",
            codes=self.codes,
            next=second_factor.safe_next(self.request, self.request.GET.get("next", "")),
            **kwargs,
        )


@never_cache
@require_POST
def extend_session(request):
    """「続ける」 in the idle warning: restart the idle clock without reloading the page. CSRF is
    checked by the middleware; a session that has already ended cannot be extended."""
    if not (request.user.is_authenticated and request.user.is_staff):
        return JsonResponse({"signed_in": False}, status=403)
    return JsonResponse({"signed_in": True, "seconds_left": sessions.extend(request)})
