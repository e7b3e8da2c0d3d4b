"""Staff roles as groups. Each app's migrations grant its own permissions to these groups."""

CONTENT_EDITORS = "コンテンツ編集者"
APPLICATION_REVIEWERS = "申込審査担当"
EVENT_RECEPTION = "イベント受付担当"
ROLES = (CONTENT_EDITORS, APPLICATION_REVIEWERS, EVENT_RECEPTION)


def grant(apps, group_name, app_label, codenames):
    """Give ``group_name`` the listed permissions of ``app_label`` (for data migrations)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; create them now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions not found for {group_name}: {sorted(missing)}")
    group.permissions.add(*permissions)


def model_permissions(*model_names, actions=("add", "change", "delete", "view")):
    return [f"{action}_{model}" for model in model_names for action in actions]


def ensure_role_permissions(sender, using="default", apps=None, **kwargs):
    """post_migrate receiver: the staff groups exist and hold the permissions that each app
    declares in its AppConfig's ``role_permissions`` ({group name: [codenames]}).

    The data migrations set up the same on a new database; this keeps it true afterwards, when
    an app adds permissions and after a test database is flushed."""
    from django.apps import apps as global_apps

    declared = getattr(sender, "role_permissions", None)
    if not declared:
        return
    apps = apps or global_apps  # `flush` sends post_migrate without the migration state
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.using(using).get_or_create(name=name)
    for group_name, codenames in declared.items():
        group = Group.objects.using(using).get(name=group_name)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label=sender.label, codename__in=codenames
        )
        group.permissions.add(*permissions)


def handles_applications(user) -> bool:
    """Superusers and 申込審査担当: the staff who may see what applicants did not agree to publish."""
    if not hasattr(user, "_handles_applications"):  # asked several times per admin page
        user._handles_applications = (
            user.is_superuser or user.groups.filter(name=APPLICATION_REVIEWERS).exists()
        )
    return user._handles_applications
