"""Every model change has its migration, and each app's migrations form one line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration_and_no_app_has_two_leaves():
    out = io.StringIO()
    # exits with SystemExit(1) when a migration is missing; CommandError on conflicting leaves
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    assert "No changes detected" in out.getvalue()
