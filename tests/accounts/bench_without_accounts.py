"""Settings for the benchmark's comparison run only: the project's settings without the accounts
app's request-level guards (session limits, second factor, no-store) and without django-axes's and
django-otp's middleware. Never for serving: it exists so that

    python -m tests.benchmarks.run --env DJANGO_SETTINGS_MODULE=tests.accounts.bench_without_accounts

measures what those middleware cost on the home page."""

from meetup_portal import settings as _project

globals().update({name: getattr(_project, name) for name in dir(_project) if name.isupper()})

GUARDS = {
    "accounts.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
}
MIDDLEWARE = [name for name in _project.MIDDLEWARE if name not in GUARDS]
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
