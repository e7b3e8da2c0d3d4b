"""Query budgets: a page must run the same number of SQL queries however much data there is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries), captured.captured_queries


def assert_queries_do_not_grow(client, url, add_data):
    """Request ``url``, call ``add_data()`` to add many more rows, request again: the counts
    must be equal. Both requests are made twice so that warm caches are compared with each other."""
    client.get(url)
    before, _ = count_queries(client, url)
    add_data()
    client.get(url)
    after, queries = count_queries(client, url)
    listing = "\n".join(q["sql"][:200] for q in queries)
    assert before == after, (
        f"{url}: {before} queries with little data, {after} with more:\n{listing}"
    )
    return after
