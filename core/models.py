from django.db import models

from .attachments import size_label, type_label, validate_attachment


class Attachment(models.Model):
    title = models.CharField("表示名", max_length=150)
    file = models.FileField(
        "ファイル",
        upload_to="attachments/%Y/%m/",
        validators=[validate_attachment],
        help_text="PDF・Word・Excel・PowerPoint、20MB まで。",
    )
    size = models.PositiveBigIntegerField("サイズ（バイト）", default=0, editable=False)
    order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = "添付ファイル"
        verbose_name_plural = "添付ファイル"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def type_label(self):
        return type_label(self.file.name)

    @property
    def size_label(self):
        return size_label(self.size)
