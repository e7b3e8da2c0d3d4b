"""The stored files of an application as the applicant and the reviewers get them: the two PDFs of
each submitted version (and the uploaded logo, for reviewers), always private and never cached."""

import mimetypes

from django.http import FileResponse, Http404

from core.attachments import size_label

# kind in the URL: (field of ApplicationVersion, label)
DOCUMENTS = {
    "application": ("application_pdf", "申込書"),
    "pledge": ("pledge_pdf", "誓約書"),
}


def links(version, url_for):
    """[(label, url, "PDF 21KB"), …] of a version's stored PDFs; ``url_for(kind)`` makes the URL."""
    links = []
    for kind, (field_name, label) in DOCUMENTS.items():
        file = getattr(version, field_name)
        if file:
            links.append((label, url_for(kind), f"PDF {size_label(file.size)}"))
    return links


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def document_response(application, version_number, kind):
    """A stored PDF as an inline download; 404 when it does not exist (yet)."""
    if kind not in DOCUMENTS:
        raise Http404
    version = application.versions.filter(number=version_number).first()
    field_name, label = DOCUMENTS[kind]
    file = getattr(version, field_name, None) if version else None
    if not file:
        raise Http404
    filename = f"{application.number}_{label}_第{version.number}版.pdf"
    return _private(
        FileResponse(file.open("rb"), content_type="application/pdf", filename=filename)
    )


def logo_response(application):
    """The uploaded logo as it was sent (reviewers only); 404 when there is none."""
    if not application.logo:
        raise Http404
    content_type = mimetypes.guess_type(application.logo.name)[0] or "application/octet-stream"
    return _private(FileResponse(application.logo.open("rb"), content_type=content_type))
