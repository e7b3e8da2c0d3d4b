"""The applicant's status link: a signed, expiring token naming the application (core.links)."""

from core.links import SignedLink

STATUS_LINK = SignedLink(
    salt="applications.status-link",
    key="a",
    url_name="applications:status",
    max_age_setting="APPLY_STATUS_LINK_MAX_AGE",
)

make_token = STATUS_LINK.make_token
read_token = STATUS_LINK.read_token
status_path = STATUS_LINK.path
status_url = STATUS_LINK.url
