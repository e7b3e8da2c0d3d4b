"""Load the demo content in ``fixtures/``: JSON in Django's serialisation format with natural keys.

Unlike ``loaddata``, which writes every row raw on every run, each object goes through its model's
``save()`` (rich text sanitised and rendered, paths and logo renditions made), and only when it is
new or a field the fixture gives differs from the stored row; fields the fixture leaves out keep
their stored value. A second run changes nothing and writes no history.

Two additions to the format:
- a date or date-time relative to the day of loading: ``{"days_from_today": 14, "time": "13:00"}``
  (``time`` in TIME_ZONE, 00:00 when left out), so upcoming samples stay upcoming;
- a file field names a file under ``media/`` beside the fixture, copied into storage when missing.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.db import models
from django.utils import timezone


def load_fixture(path, today: datetime.date):
    """Create or update the objects of one fixture file, in its order (a parent before the
    objects that refer to it). Returns {"created": n, "updated": n}."""
    path = Path(path)
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:
        resolve_relative_dates(item, today)
    counts = {"created": 0, "updated": 0}
    # Deserialised one at a time, after the previous object was saved: natural keys resolve.
    objects = serializers.deserialize("python", items)
    for item, deserialized in zip(items, objects, strict=True):
        result = save_if_changed(deserialized, item["fields"], media=path.parent / "media")
        if result:
            counts[result] += 1
    return counts


def resolve_relative_dates(item, today):
    model = apps.get_model(item["model"])
    fields = item["fields"]
    for name, value in fields.items():
        if isinstance(value, dict) and "days_from_today" in value:
            day = today + datetime.timedelta(days=value["days_from_today"])
            if isinstance(model._meta.get_field(name), models.DateTimeField):
                time = datetime.time.fromisoformat(value.get("time", "00:00"))
                fields[name] = timezone.make_aware(datetime.datetime.combine(day, time))
            else:
                fields[name] = day


def save_if_changed(deserialized, names, media):
    """Save the object if it is new or differs from the stored row in one of ``names``.
    Returns "created", "updated" or None."""
    new = deserialized.object
    model = type(new)
    fields = [model._meta.get_field(name) for name in names]
    for field in fields:
        if isinstance(field, models.FileField):
            copy_missing_file(field.value_from_object(new), media)
    stored = model._default_manager.filter(pk=new.pk).first() if new.pk is not None else None
    if stored is None:
        new.save()
        stored, result = new, "created"
    else:
        changed = [
            field
            for field in fields
            if not field.many_to_many
            and field.value_from_object(new) != field.value_from_object(stored)
        ]
        for field in changed:
            setattr(stored, field.attname, field.value_from_object(new))
        if changed:
            stored.save()
        result = "updated" if changed else None
    for name, pks in deserialized.m2m_data.items():
        related = getattr(stored, name)
        if set(related.values_list("pk", flat=True)) != set(pks):
            related.set(pks)
            result = result or "updated"
    return result


def copy_missing_file(fieldfile, media):
    if fieldfile and not fieldfile.storage.exists(fieldfile.name):
        with (media / fieldfile.name).open("rb") as source:
            fieldfile.storage.save(fieldfile.name, File(source))
