"""Check-in in Debian's Chromium: the reception desk on a phone (staff signed in with their second
factor) and the registrant's QR code and 出席コード, used with the keyboard alone, checked by
axe, at 320 px."""

import datetime
import io
import re

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from accounts.models import AccessLogEntry
from registrations import checkin, links
from tests.a11y import assert_no_axe_violations
from tests.accounts.factories import code_for, totp_device
from tests.factories import TEST_PASSWORD
from tests.keyboard import focus_is_visible, tab_to

from .attendance import RECEPTION_URL, add_session, receptionist
from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def sign_in(page, user):
    """Password, then the authenticator app's code, with the keyboard."""
    device = totp_device(user)
    page.goto(RECEPTION_URL)
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_label("確認コード").fill(code_for(device))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{RECEPTION_URL}")


def sideways_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_desk_on_a_phone_with_the_keyboard_only(browser, live_server):
    now = timezone.now()
    event = RegistrationEventFactory(
        title="とうほく交流会（仙台）",
        starts_at=now + datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(hours=2),
    )
    first, second = register(event), register(event, n=1)
    staff = receptionist(username="uketsuke")
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    sign_in(page, staff)
    assert page.get_by_role("heading", level=2, name="本日の回").is_visible()
    assert sideways_overflow(page) <= 0
    assert_no_axe_violations(page)
    tab_to(page, "el.classList.contains('reception-session')")
    assert focus_is_visible(page)
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().height")
    assert box >= 48
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reception/\d+/$"))

    # The field has the focus: a scanner (or a thumb) types the number and Enter sends it.
    field = page.get_by_label("申込番号またはQRコード")
    assert page.evaluate("() => document.activeElement.name") == "code"
    assert_no_axe_violations(page)
    page.keyboard.type(checkin.signed_number(first))
    page.keyboard.press("Enter")
    status = page.locator(".reception-result[role=status]")
    status.wait_for()
    assert "受付しました" in status.inner_text() and "東北 太郎 様" in status.inner_text()
    assert page.evaluate("() => document.activeElement.name") == "code"
    assert sideways_overflow(page) <= 0
    assert_no_axe_violations(page)

    # The same code again: refused, saying when it was recorded.
    page.keyboard.type(first.number.lower())
    page.keyboard.press("Enter")
    alert = page.locator(".reception-result[role=alert]")
    alert.wait_for()
    assert re.search(r"既に受付済みです（\d\d:\d\d）。", alert.inner_text())
    assert page.title().startswith("受付できません")
    assert_no_axe_violations(page)

    field.fill(second.number)
    field.press("Enter")
    page.locator(".reception-result[role=status]").wait_for()
    assert "受付済み 2人 ／ 確定 2人" in " ".join(
        page.locator(".reception-counts").inner_text().split()
    )

    page.set_viewport_size({"width": 320, "height": 640})
    assert sideways_overflow(page) <= 0
    page.goto(RECEPTION_URL)
    assert sideways_overflow(page) <= 0
    # Control: the measure sees a page that is too wide.
    page.evaluate("document.body.style.minWidth = '400px'")
    assert sideways_overflow(page) > 0

    assert AccessLogEntry.objects.filter(user=staff, action="registration.check_in").count() == 3
    assert not errors, errors  # no Content Security Policy violation on the way
    context.close()


def test_the_registrants_page_with_the_keyboard_only(browser, live_server):
    now = timezone.now()
    venue = RegistrationEventFactory(
        title="右腕人材育成プログラム 第1回",
        starts_at=now + datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1, hours=2),
    )
    online = OnlineRegistrationEventFactory(
        title="右腕人材育成プログラム 第2回",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
    )
    registration = register(venue)
    add_session(registration, online)
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(links.page_path(registration))

    qr = page.get_by_role("img", name=f"受付用QRコード（申込番号 {registration.number}）")
    assert qr.is_visible()
    width = qr.bounding_box()["width"]
    assert width >= 180  # big enough for a camera at the desk
    image = Image.open(io.BytesIO(qr.screenshot())).convert("L")
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == checkin.signed_number(registration)
    assert_no_axe_violations(page)

    # The 出席コード with the keyboard: a wrong code first, then the right one.
    tab_to(page, "el.name === 'code'")
    assert focus_is_visible(page) or page.evaluate(
        "() => getComputedStyle(document.activeElement).boxShadow !== 'none'"
    )
    page.keyboard.type("000000" if checkin.attendance_code(online) != "000000" else "111111")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#attendance-{online.pk}$"))
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "出席コードが違います" in summary.inner_text()
    assert page.get_by_label("出席コード").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
    page.get_by_label("出席コード").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(checkin.attendance_code(online))
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.wait_for()
    assert "出席を記録しました" in status.inner_text()
    assert registration.sessions.get(event=online).attended
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    assert sideways_overflow(page) <= 0
    context.close()
