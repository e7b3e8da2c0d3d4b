"""Logging filters. Log lines must carry nothing that works as a key: the applicant's status link
(``/apply/status/<token>/``) can download the PDFs and withdraw the application, and Django logs
request paths in "Not Found" warnings and, under runserver, in every request line."""

import logging
import re

STATUS_TOKEN = re.compile(r"(/apply/status/)[^/\s\"'?#]+")
MASK = r"\1[token]"


def mask(text: str) -> str:
    return STATUS_TOKEN.sub(MASK, text)


class MaskStatusTokens(logging.Filter):
    """Rewrites the record's message with status tokens masked (on the handler, so every
    logger's records pass through it)."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return True
