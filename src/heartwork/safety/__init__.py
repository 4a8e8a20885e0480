"""The safety net. This package must stay importable without Django: scanner.py and
resources.py are pure, so the coach and the CLI can use them anywhere."""
