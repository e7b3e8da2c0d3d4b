"""Helpers for the apps' ``demo`` modules, which ``seed_demo`` runs."""


def upsert(model, lookup, values):
    """Create or update one row; saves only when something differs, so a second run changes
    nothing (no new history entries, no new timestamps). Returns "created", "updated" or None."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return "created"
    changed = {name for name, value in values.items() if getattr(obj, name) != value}
    if not changed:
        return None
    for name in changed:
        setattr(obj, name, values[name])
    obj.save()
    return "updated"
