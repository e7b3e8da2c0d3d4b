import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.access_log import record_event
from accounts.models import AccessAction
from accounts.second_factor import reset_devices
from accounts.sessions import end_sessions


class Command(BaseCommand):
    help = (
        "Delete every second-factor device of a staff account (a lost phone) and end its "
        "sessions; the account enrols a new device at its next login. Written to the access log "
        "with the superuser who asked for it (--by) and the operating-system user."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the account whose devices are reset")
        parser.add_argument(
            "--by", required=True, metavar="SUPERUSER", help="the superuser doing the reset"
        )

    def handle(self, *args, username, by, **options):
        User = get_user_model()
        operator = User.objects.filter(username=by, is_active=True, is_superuser=True).first()
        if operator is None:
            raise CommandError(f"--by must name an active superuser; {by!r} is not one.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        with transaction.atomic():
            removed = reset_devices(user)
            ended = end_sessions(user, "second-factor devices reset")
            record_event(
                AccessAction.ACCOUNT_DEVICES_RESET,
                user=operator,
                target_label=f"{user.get_username()}（OSユーザー {getpass.getuser()}）",
                target_id=user.pk,
            )
        self.stdout.write(
            f"Reset {user.get_username()}: {removed} device(s) removed, {ended} session(s) ended, "
            f"by {operator.get_username()}."
        )
