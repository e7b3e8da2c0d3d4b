"""Demo content for ``seed_demo``: pages and topics written from the seeds' facts in our own words."""

import datetime

from core.publishing import PublicationStatus
from core.richtext import sanitize_html
from core.seeding import upsert

from .models import Page, SiteSettings, Topic

PUBLISHED = PublicationStatus.PUBLISHED

PAGES = [
    {
        "path": "about",
        "title": "NEXT TOHOKU MEETUP とは",
        "menu_order": 10,
        "summary": "東北経済産業局が2021年3月に設立した、多様な担い手による価値共創のプラットフォームです。",
        "body": """
<p>「NEXT TOHOKU MEETUP」は、将来にわたって持続可能な地域をつくるため、企業・人・行政など多様な担い手が
出会い、つながり、共に価値を生み出す環境づくりを目指して、東北経済産業局が2021年3月に設立した価値共創
プラットフォームです。</p>
<p>東日本大震災からの復興の過程で、東北には地域の内と外をつなぐネットワークやハブとなる組織・人材が
育ってきました。このプラットフォームは、そうした組織・人材を核として、東北内外のキーパーソンが出会い、
連携し、新しい価値を共に創る場を提供します。</p>
<h2>このサイトでできること</h2>
<ul>
<li>プラットフォームの背景や活動方針を知る</li>
<li>趣旨に賛同する「NEXT TOHOKU MEETUP サポーターズ」を県ごとに探す</li>
<li>開催予定・開催済みのイベントを調べる</li>
<li>サポーターズにオンラインで申し込む</li>
</ul>
""",
    },
    {
        "path": "about/background",
        "title": "取組の背景",
        "menu_order": 10,
        "summary": "震災後10年の復興過程で東北に蓄積された三つの資産と、プラットフォーム設立の経緯。",
        "body": """
<p>東北経済産業局は、東日本大震災後の10年間を振り返り、復興の過程で地域に蓄積された資産を次の三つに
整理しました。</p>
<ol>
<li>地域の内外にまたがる新しいネットワークと、関係人口の広がり</li>
<li>地域の内と外をつなぐハブ組織・人材の登場</li>
<li>事業づくりや創業を支えるハード・ソフト両面の基盤の整備</li>
</ol>
<p>これらの資産を生かして持続可能な地域づくりを進めるため、当局は2021年3月に価値共創プラットフォーム
「NEXT TOHOKU MEETUP」を立ち上げました。</p>
<h2>関係人口とは</h2>
<p>総務省の定義では、移住して暮らす「定住人口」でも、観光で訪れる「交流人口」でもなく、地域と多様な形で
関わる人々のことをいいます。人口減少と高齢化により地域づくりの担い手が不足するなか、新たな担い手として
期待されています。</p>
<h2>ハブ組織・人材の役割</h2>
<p>本取組では、地域の内外をつなぐハブ組織・人材の役割を重視しています。経済産業省の「地域の持続可能な
発展に向けた政策の在り方研究会」は、地域の持続的な発展を担う主体を「MAP'S+O」として整理しています。</p>
""",
    },
    {
        "path": "about/maps-o",
        "title": "用語の説明（MAP'S+O）",
        "menu_order": 20,
        "summary": "地域の持続的発展を担う五つの主体、マネージャー・アグリゲーター・プレイヤー・サポーター・オーガナイザー。",
        "body": """
<p>経済産業省「地域の持続可能な発展に向けた政策の在り方研究会」は、地域の持続的な発展の担い手を次の五つに
整理し、頭文字をとって「MAP'S+O」と呼んでいます。なかでも、中核となる人材（マネージャー）と、その人材が
所属し取組の中心となる組織（オーガナイザー）の役割が重要とされています。</p>
<table>
<thead><tr><th scope="col">用語</th><th scope="col">意味</th></tr></thead>
<tbody>
<tr><th scope="row">マネージャー</th><td>地域の持続的な発展に取り組む中核的な人材</td></tr>
<tr><th scope="row">アグリゲーター</th><td>地域の持続的な発展に役立つ製品やサービスを、広い範囲に供給する組織</td></tr>
<tr><th scope="row">プレイヤー</th><td>マネージャーやオーガナイザーに協力し、連携する地域内外の組織・人材</td></tr>
<tr><th scope="row">サポーター</th><td>オーガナイザーを支援する地方公共団体</td></tr>
<tr><th scope="row">オーガナイザー</th><td>マネージャーが所属し、アグリゲーターやプレイヤーと連携して取組の中心となる組織</td></tr>
</tbody>
</table>
""",
    },
    {
        "path": "about/policy",
        "title": "当面の活動方針",
        "menu_order": 30,
        "summary": "キーパーソンの発掘・可視化、交流機会の創出、情報発信の三つに取り組みます。",
        "body": """
<p>当面は、次の三つの取組を進めます。</p>
<h2>1. 東北内外のキーパーソンの発掘・可視化</h2>
<p>「NEXT TOHOKU MEETUP サポーターズ」をはじめ、取組に共感する企業・団体・個人を訪ね、事例を集め、この
サイトで積極的に発信します。東北経済産業局の「地域サポーター制度」とも連携します。</p>
<h2>2. キーパーソン同士の交流機会の創出</h2>
<p>組織や地域の枠を越えてキーパーソン同士が出会う機会をつくるため、東北内外でイベントを開催・支援します。
当局が主催・共催するもののほか、趣旨に合う行事には後援・協力も行います。</p>
<h2>3. 情報発信プラットフォームの構築</h2>
<p>このサイトを通じて、取組やサポーターズ、イベントの情報を発信します。</p>
""",
    },
    {
        "path": "about/supporters",
        "title": "NEXT TOHOKU MEETUP サポーターズとは",
        "menu_order": 40,
        "summary": "取組の趣旨に賛同する東北内外の企業・団体・個人。随時募集しています。",
        "body": """
<p>「NEXT TOHOKU MEETUP サポーターズ」は、本取組の趣旨に賛同いただいた東北内外の企業・団体・個人です。
当局と連携して取組を進めるとともに、サポーターズ同士が組織や地域を越えてネットワークを広げ、知見や
ノウハウを共有することで、相乗効果が生まれることを期待しています。</p>
<h2>サポーターズが行う取組の例</h2>
<ul>
<li>企業の成長につながる関係人口の創出・活用（インターンシップのコーディネート、複業・兼業・プロボノの活用支援など）</li>
<li>企業の新たな事業プランづくりや、他の企業・機関とのマッチング支援</li>
<li>自治体などと連携した、担い手不足をはじめとする地域課題の解決</li>
<li>自治体などと連携した、地方移住や UIJ ターンの促進</li>
<li>地域内外の連携促進や、地域の魅力の発信</li>
<li>地域の新たな担い手を育てる起業支援・起業家育成</li>
<li>地域における「学びの場」の提供</li>
<li>その他、上記に類する取組</li>
</ul>
<h2>参加の方法</h2>
<p>サポーターズは随時募集しています。このサイトの申込みフォームから、申込書と暴力団排除に関する誓約書の内容を
入力して送信してください。受付番号をお知らせし、内容を確認のうえ、当局からご連絡します。承認後、
サポーターズの紹介ページに掲載します。</p>
<p><a href="/apply/">サポーターズに申し込む</a></p>
""",
    },
    {
        "path": "about/logo",
        "title": "ロゴマークの利用",
        "menu_order": 50,
        "summary": "NEXT TOHOKU MEETUP のロゴマークを第三者が利用できる場合について。",
        "body": """
<p>「NEXT TOHOKU MEETUP」のロゴマークは、原則として東北経済産業局と当局職員以外は利用できません。ただし、
次のいずれかに当たる場合は利用できます。利用する前に、その事業の担当部署にご相談ください。</p>
<ol>
<li>東北経済産業局の依頼により、ロゴ入りの物品などを製作する場合</li>
<li>東北経済産業局の委嘱を受けて行う事業で、資料や物品に表示する場合</li>
<li>東北経済産業局が共催・参加する行事や、後援・協賛・協力などを行う事業・行事で、資料や物品に表示する場合（営利を主な目的としないものに限ります）</li>
<li>東北経済産業局が公表した資料を転載する際に、その資料にロゴが含まれている場合</li>
<li>その他、東北経済産業局または当局職員が必要と認める場合</li>
</ol>
""",
    },
    {
        "path": "contact",
        "title": "お問合せ",
        "menu_order": 90,
        "summary": "NEXT TOHOKU MEETUP に関するお問合せ先。",
        "body": """
<p>NEXT TOHOKU MEETUP の取組、サポーターズへの申込み、イベントについてのお問合せは、下記までご連絡ください。</p>
""",
    },
    {
        "path": "privacy",
        "title": "個人情報の取扱い",
        "menu_order": 95,
        "summary": "このサイトで取得する個人情報の利用目的と管理について。",
        "body": """
<p>東北経済産業局は、このサイトで取得した個人情報を、個人情報の保護に関する法律に基づき適切に取り扱います。</p>
<h2>利用目的</h2>
<p>サポーターズの申込みで入力いただいた個人情報は、申込み内容の確認、審査、ご連絡、サポーターズの紹介ページへの
掲載（掲載に同意いただいた項目に限ります）、本取組に関するご案内のために利用します。</p>
<h2>第三者への提供</h2>
<p>法令に基づく場合を除き、ご本人の同意なく第三者に提供することはありません。</p>
<h2>安全管理</h2>
<p>取得した個人情報は、審査を担当する職員に限って閲覧できるよう管理し、閲覧の記録を残します。</p>
""",
    },
    {
        "path": "accessibility",
        "title": "ウェブアクセシビリティ方針",
        "menu_order": 96,
        "summary": "このサイトのウェブアクセシビリティへの取組について。",
        "body": """
<p>このサイトは、高齢の方や障害のある方を含む誰もが利用しやすいよう、日本産業規格 JIS X 8341-3:2016
「高齢者・障害者等配慮設計指針－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の
適合レベル AA に準拠することを目標としています。</p>
<h2>対象範囲</h2>
<p>このサイトのすべてのページを対象とします。</p>
<h2>主な取組</h2>
<ul>
<li>キーボードだけで操作できるようにしています。</li>
<li>文字の大きさを「標準」「大きく」「最大」から選べます（ブラウザの拡大機能でも 200% まで表示が崩れないようにしています）。</li>
<li>画像には代替テキストを付け、ファイルへのリンクにはファイル形式と大きさを表示しています。</li>
</ul>
""",
    },
]

TOPICS = [
    {
        "title": "価値共創プラットフォーム「NEXT TOHOKU MEETUP」を設立しました",
        "published_on": datetime.date(2021, 3, 1),
        "category": Topic.Category.NEWS,
        "summary": "企業・人・行政など多様な担い手による共創の場として、プラットフォームを立ち上げました。",
        "body": "<p>東北経済産業局は、東日本大震災からの復興の過程で蓄積された資産を生かし、持続可能な地域づくりを"
        "進めるため、価値共創プラットフォーム「NEXT TOHOKU MEETUP」を設立しました。</p>",
    },
    {
        "title": "東北コーディネーター・フォーラムをオンラインで開催しました",
        "published_on": datetime.date(2021, 3, 2),
        "category": Topic.Category.REPORT,
        "summary": "プラットフォーム最初のイベントに100名を超える方が参加しました。",
        "body": "<p>2021年3月1日、プラットフォーム最初のイベントとなる「東北コーディネーター・フォーラム」を"
        "Microsoft Teams によるオンライン形式で開催し、100名を超える方にご参加いただきました。</p>",
    },
    {
        "title": "NEXT TOHOKU MEETUP サポーターズを随時募集しています",
        "published_on": datetime.date(2021, 6, 1),
        "category": Topic.Category.RECRUITMENT,
        "summary": "取組の趣旨に賛同いただける企業・団体・個人を募集しています。",
        "body": "<p>サポーターズは随時募集しています。詳しくは"
        '<a href="/about/supporters/">サポーターズとは</a>をご覧ください。</p>',
    },
    {
        "title": "【サンプル】ウェブサイトをリニューアルしました",
        "published_on": datetime.date(2026, 11, 20),
        "category": Topic.Category.NEWS,
        "summary": "このトピックスは表示確認用のサンプルです。",
        "body": "<p>このトピックスは表示確認用のサンプルです。サポーターズへの申込みがオンラインでできるように"
        "なりました。</p>",
    },
]


def _clean(html):
    return "".join(line.strip() for line in html.strip().splitlines())


def seed(stdout=None, **options):
    """Load the pages, topics and site settings. Returns {"created": n, "updated": n}."""
    counts = {"created": 0, "updated": 0}

    def count(result):
        if result:
            counts[result] += 1

    SiteSettings.load()
    for spec in PAGES:
        parent_path, _, slug = spec["path"].rpartition("/")
        parent = Page.objects.get(path=parent_path) if parent_path else None
        values = {
            "title": spec["title"],
            "summary": spec["summary"],
            "body": sanitize_html(_clean(spec["body"])),
            "menu_order": spec["menu_order"],
            "status": PUBLISHED,
        }
        count(upsert(Page, {"parent": parent, "slug": slug}, values))
    for spec in TOPICS:
        values = {**spec, "body": sanitize_html(spec["body"]), "status": PUBLISHED}
        lookup = {"title": values.pop("title")}
        count(upsert(Topic, lookup, values))
    return counts
