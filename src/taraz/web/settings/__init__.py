"""Settings profiles: `local` (the embedded `taraz serve`), `production` (behind TLS), `test`."""
