"""The audit trail: who did what and when (uploads, imports, reverts, log-ins)."""
