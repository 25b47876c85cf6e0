"""Every event has its place in the chain: the sequence number required and unique."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("taraz_audit", "0003_chain_existing_events")]  # noqa: RUF012

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                unique=True,
                help_text="1, 2, 3, ... in the order the events were recorded, no gaps.",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                max_length=64, help_text="The previous event's hash (64 zeros before the first)."
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(
                max_length=64,
                help_text="SHA-256 over prev_hash and the row's canonical JSON (taraz.web.audit.chain).",
            ),
        ),
    ]
