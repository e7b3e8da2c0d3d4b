"""seed_demo: a dozen fictional samples (fixtures/supporters.json), and --supporters N
deterministic synthetic ones."""

import time

import pytest
from django.core.management import call_command

from core.prefectures import PrefectureGroup
from supporters.demo import synthetic_supporter
from supporters.models import Supporter

pytestmark = pytest.mark.django_db


def test_samples_are_a_dozen_fictional_listings_across_the_groups():
    call_command("seed_demo", verbosity=0)
    samples = Supporter.objects.published()
    assert samples.count() == 12
    assert all(s.is_sample and s.name.startswith("【サンプル】") for s in samples)
    assert set(samples.values_list("group", flat=True)) == set(PrefectureGroup.values)
    assert set(samples.values_list("kind", flat=True)) == set(Supporter.Kind.values)
    with_logo = samples.exclude(logo="")
    assert with_logo.exists() and not with_logo.filter(logo_small="").exists()
    assert all(s.categories.exists() for s in samples)


def test_seeding_twice_changes_nothing(capsys):
    call_command("seed_demo", "--supporters", "30")
    capsys.readouterr()
    history = Supporter.history.count()
    call_command("seed_demo", "--supporters", "30")
    assert "supporters: 0 created, 0 updated" in capsys.readouterr().out
    assert Supporter.history.count() == history
    assert Supporter.objects.count() == 42


def test_synthetic_supporters_are_deterministic_fictional_and_spread_over_groups():
    first, codes = synthetic_supporter(7)
    again, codes_again = synthetic_supporter(7)
    assert (first.name, first.reading, first.prefecture, codes) == (
        again.name, again.reading, again.prefecture, codes_again,
    )  # fmt: skip
    call_command("seed_demo", "--supporters", "200", verbosity=0)
    synthetic = Supporter.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 200
    assert not synthetic.exclude(is_sample=True).exists()
    assert not synthetic.exclude(name__startswith="【サンプル】").exists()
    counts = {g.value: g.count for g in Supporter.objects.published().group_counts()}
    assert all(count >= 10 for count in counts.values()), counts
    assert Supporter.categories.through.objects.filter(supporter__in=synthetic).count() >= 200
    # Searchable and sorted like any other supporter.
    one = synthetic.get(slug="synthetic-00007")
    assert one.reading_key and Supporter.objects.search(one.reading).filter(pk=one.pk).exists()


def test_a_thousand_supporters_seed_in_a_few_seconds():
    started = time.monotonic()
    call_command("seed_demo", "--supporters", "1000", verbosity=0)
    assert time.monotonic() - started < 10
    assert Supporter.objects.filter(slug__startswith="synthetic-").count() == 1000
