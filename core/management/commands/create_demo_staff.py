import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from core.roles import APPLICATION_REVIEWERS, CONTENT_EDITORS, EVENT_RECEPTION

DEMO_ACCOUNTS = [
    ("demo-admin", "管理者（全権限）", None),
    ("demo-editor", CONTENT_EDITORS, CONTENT_EDITORS),
    ("demo-reviewer", APPLICATION_REVIEWERS, APPLICATION_REVIEWERS),
    ("demo-reception", EVENT_RECEPTION, EVENT_RECEPTION),
]


class Command(BaseCommand):
    help = (
        "Local demo only: create or reset the demo staff accounts with a new random password and "
        "print how to log in. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_staff is for local demo use only (DJANGO_DEBUG=false).")
        password = secrets.token_urlsafe(12)
        for username, _role, group_name in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Staff login: http://127.0.0.1:8000/admin/"))
        for username, role, _ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {role}")
        self.stdout.write(f"  password for all of them: {password}  (new on every start)")
        self.stdout.write(
            "  demo-admin, demo-reviewer and demo-reception set up an authenticator app (TOTP) "
            "at first login."
        )
        self.stdout.write("")
