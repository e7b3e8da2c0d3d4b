"""Search terms are never logged with client addresses: nginx's access log (deploy/nginx.conf's
own map and log format) leaves out the query string of /search/, and the portal logs nothing of
a search."""

import logging
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.benchmarks.run import free_port
from tests.pages.factories import PageFactory

PROJECT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SECRET = "秘密の相談"


def deployed_logging_rules():
    """The ``map`` of the logged URI and the ``log_format`` of deploy/nginx.conf, verbatim."""
    config = (PROJECT / "deploy" / "nginx.conf").read_text()
    mapping = re.search(r"^map \$request_uri \$meetup_logged_uri \{.*?^\}", config, re.M | re.S)
    log_format = re.search(r"^log_format meetup_masked .*?;$", config, re.M | re.S)
    return mapping.group(0), log_format.group(0)


@pytest.fixture
def nginx_log(tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (Debian package nginx; scripts/setup --test)")
    mapping, log_format = deployed_logging_rules()
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    {mapping}
    {log_format}
    server {{
        listen 127.0.0.1:{port};
        access_log {tmp_path}/access.log meetup_masked;
        location / {{ return 200 "ok"; }}
    }}
}}
"""
    )
    server = subprocess.Popen([NGINX, "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)

        def get(path):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()

        yield get, tmp_path / "access.log"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_nginx_logs_a_search_without_its_terms(nginx_log):
    get, log = nginx_log
    encoded = quote(SECRET)
    get(f"/search/?q={encoded}&kind=page")
    get(f"/search?q={encoded}")  # before the slash is appended
    get("/events/?page=2")  # other query strings are logged as they are
    lines = log.read_text().splitlines()
    assert len(lines) == 3
    assert all(line.startswith("127.0.0.1 ") for line in lines)  # the line has the address
    assert encoded not in log.read_text() and "kind=page" not in log.read_text()
    assert lines[0].count('"GET /search/?[query] HTTP/1.1"') == 1
    assert '"GET /search/?[query] HTTP/1.1"' in lines[1]
    assert '"GET /events/?page=2 HTTP/1.1"' in lines[2]


@pytest.mark.django_db
def test_the_portal_logs_nothing_of_a_search(client, caplog):
    PageFactory(title=SECRET)
    with caplog.at_level(logging.DEBUG):
        assert client.get("/search/", {"q": SECRET}).status_code == 200
        assert client.get("/search/", {"q": "無い言葉" + SECRET}).status_code == 200
    assert not [record for record in caplog.records if SECRET in record.getMessage()]
