"""The public dashboard: a province and a period at a glance, in Persian (default) and English."""
