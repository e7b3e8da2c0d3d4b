from core.sitemaps import NamedViewSitemap


class SiteMapPageSitemap(NamedViewSitemap):
    """The HTML site map; the search page is noindex and stays out."""

    names = ("search:sitemap",)
    changefreq = "monthly"
