"""``seed_demo``'s step for search (it runs after the apps whose content it reads): synthetic
volume is bulk-inserted without signals, so the index is made afresh from all the content."""

from . import documents


def seed(stdout=None, **options):
    entries = documents.rebuild()
    if stdout is not None:
        stdout.write(f"  search index: {entries} entries")
    return {"created": 0, "updated": 0}
