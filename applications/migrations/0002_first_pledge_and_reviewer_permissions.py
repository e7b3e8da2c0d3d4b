import datetime

from django.db import migrations

from core.roles import APPLICATION_REVIEWERS, grant, model_permissions

PLEDGE_TEXT = """当方は、NEXT TOHOKU MEETUP サポーターズへの参加に当たり、次の事項について誓約します。この誓約に反することが判明した場合には、サポーターズの登録の取消しその他の措置を受けても異議を申し立てません。
1. 当方（法人又は団体の場合は、その役員及び従業員を含みます。以下同じ。）は、暴力団（暴力団員による不当な行為の防止等に関する法律（平成3年法律第77号）第2条第2号に規定する暴力団をいいます。以下同じ。）ではなく、暴力団員（同条第6号に規定する暴力団員をいいます。以下同じ。）でもありません。
2. 当方は、暴力団又は暴力団員が経営又は運営に実質的に関与している者ではありません。
3. 当方は、自己若しくは第三者の不正な利益を図る目的又は第三者に損害を加える目的をもって、暴力団又は暴力団員を利用していません。
4. 当方は、暴力団又は暴力団員に対して資金等を提供し、又は便宜を供与するなど、暴力団の維持又は運営に協力し、又は関与していません。
5. 当方は、暴力団又は暴力団員と社会的に非難されるべき関係を有していません。
6. 当方は、サポーターズとしての活動において、暴力団又は暴力団員を利用せず、これらの者と取引を行いません。
7. 当方は、上記の事項を確認するため、東北経済産業局が必要に応じて警察その他の関係機関に照会することに同意します。"""


REVIEWER_PERMISSIONS = [
    "view_application",
    "review_application",
    "view_outboxmessage",
    *model_permissions("pledgeversion"),
]


def create_first_pledge_and_grant(apps, schema_editor):
    PledgeVersion = apps.get_model("applications", "PledgeVersion")
    if not PledgeVersion.objects.exists():
        PledgeVersion.objects.create(
            title="暴力団排除に関する誓約書",
            text=PLEDGE_TEXT,
            effective_on=datetime.date(2021, 3, 1),
        )
    grant(apps, APPLICATION_REVIEWERS, "applications", REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial"), ("pages", "0002_staff_groups")]

    operations = [
        migrations.RunPython(create_first_pledge_and_grant, migrations.RunPython.noop)
    ]
