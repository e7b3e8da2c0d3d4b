"""A question staff write for a form the public fills in: the registration form's own questions
(events.EventQuestion) and a survey's (registrations.SurveyQuestion). Free text, or one choice
of several."""

from django.core.exceptions import ValidationError
from django.db import models


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "自由記述"
        CHOICE = "choice", "選択肢から1つ"

    label = models.CharField("質問", max_length=200)
    help_text = models.CharField("説明", max_length=300, blank=True)
    kind = models.CharField("回答の形式", max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        "選択肢", blank=True, help_text="「選択肢から1つ」の場合、1行に1つずつ入力します。"
    )
    required = models.BooleanField("必須", default=False)
    order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "選択肢を2つ以上入力してください。"})

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
