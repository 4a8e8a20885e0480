"""Operator tools: backup, restore and master key rotation (docs/operations.md).

They run from the command line on the server, next to a running app, and report
problems as :class:`OpsError` with a one-line reason that the CLI prints (exit 2).
"""


class OpsError(Exception):
    """The operation cannot go ahead; the message says why in one line."""
