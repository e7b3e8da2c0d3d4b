"""The iCalendar SEQUENCE of an event: a revision number that grows whenever a field that a
calendar shows changes, so that subscribed calendars replace their copy (RFC 5545, 3.8.7.4)."""

# Fields whose change a subscriber would see in their calendar.
CALENDAR_FIELDS = (
    "title", "summary", "slug", "starts_at", "ends_at", "all_day", "format", "venue_name",
    "address", "prefecture", "online_tool", "state",
)  # fmt: skip


def next_sequence(event) -> int:
    """The sequence ``event`` should be saved with: the stored one, plus one when any calendar
    field differs from the stored row. A new event starts at its own (normally 0)."""
    if event.pk is None:
        return event.sequence
    stored = type(event).objects.filter(pk=event.pk).values("sequence", *CALENDAR_FIELDS).first()
    if stored is None:
        return event.sequence
    changed = any(getattr(event, name) != stored[name] for name in CALENDAR_FIELDS)
    return stored["sequence"] + 1 if changed else stored["sequence"]
