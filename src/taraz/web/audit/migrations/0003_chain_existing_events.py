"""Chain the events recorded before the trail was a chain, in the order they happened (at, id):
sequence numbers from 1, each hash over the one before (taraz.web.audit.chain)."""

from django.db import migrations
from django.db.models import Q

from taraz.web.audit.chain import GENESIS, event_hash

BATCH = 1000


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("taraz_audit", "AuditEvent")
    events = AuditEvent.objects.using(schema_editor.connection.alias)
    seq, prev, rows = 0, GENESIS, list(events.order_by("at", "id")[:BATCH])
    while rows:  # a page at a time, by (at, id): never a read open across the writes
        for event in rows:
            seq += 1
            event.seq, event.prev_hash = seq, prev
            event.hash = prev = event_hash(prev, event)
        events.bulk_update(rows, ["seq", "prev_hash", "hash"])
        last = rows[-1]
        after = Q(at__gt=last.at) | Q(at=last.at, id__gt=last.id)
        rows = list(events.filter(after).order_by("at", "id")[:BATCH])


def unchain(apps, schema_editor):
    AuditEvent = apps.get_model("taraz_audit", "AuditEvent")
    AuditEvent.objects.using(schema_editor.connection.alias).update(seq=None, prev_hash="", hash="")


class Migration(migrations.Migration):
    dependencies = [("taraz_audit", "0002_auditevent_chain_fields")]  # noqa: RUF012

    operations = [migrations.RunPython(chain_existing, unchain)]  # noqa: RUF012
