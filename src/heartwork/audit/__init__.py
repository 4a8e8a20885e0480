"""An append-only record of security-relevant events (logins, exports, deletions, pairings).

It keeps what happened, when, to which account id and through which channel: never an
email, an address, an IP or any text a person wrote. See docs/privacy.md, "Audit log".
"""

# How long events are kept by default; `heartwork audit prune` removes older ones.
RETENTION_DAYS = 365
