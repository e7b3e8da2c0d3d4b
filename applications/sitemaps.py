from core.sitemaps import NamedViewSitemap


class ApplySitemap(NamedViewSitemap):
    """Only the public form; 確認, 完了 and status pages are personal and never listed."""

    names = ("applications:input",)
    changefreq = "monthly"
