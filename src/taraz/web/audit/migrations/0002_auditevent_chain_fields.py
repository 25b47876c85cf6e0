"""The columns of the hash chain (filled by 0003, made required by 0004), the new actions, and
the user kept with PROTECT: the database will refuse the UPDATE that SET_NULL would be."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ACTIONS = [
    ("upload", "upload"),
    ("import", "import"),
    ("job_start", "job started"),
    ("revert_request", "revert requested"),
    ("revert", "revert"),
    ("login", "log-in"),
    ("login_failed", "failed log-in"),
    ("logout", "log-out"),
    ("user_create", "account created"),
    ("user_delete", "account deleted"),
    ("access_change", "access changed"),
    ("password_change", "password changed"),
]


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("taraz_audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AlterModelOptions(name="auditevent", options={"ordering": ("-seq",)}),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(choices=ACTIONS, max_length=20),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="subject",
            field=models.CharField(
                blank=True, help_text="What it was about: job:12, B00007, user:3.", max_length=64
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="username",
            field=models.CharField(help_text="The user name when it happened.", max_length=150),
        ),
    ]
