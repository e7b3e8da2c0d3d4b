import factory
from django.contrib.auth.models import Group, User

from core.roles import APPLICATION_REVIEWERS, CONTENT_EDITORS, EVENT_RECEPTION

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; ``UserFactory(groups=[CONTENT_EDITORS])`` puts them in staff groups by name."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.save()
            if extracted:
                self.groups.add(*Group.objects.filter(name__in=extracted))


def content_editor(**kwargs):
    return UserFactory(is_staff=True, groups=[CONTENT_EDITORS], **kwargs)


def reviewer(**kwargs):
    return UserFactory(is_staff=True, groups=[APPLICATION_REVIEWERS], **kwargs)


def reception(**kwargs):
    return UserFactory(is_staff=True, groups=[EVENT_RECEPTION], **kwargs)
