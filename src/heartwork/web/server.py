"""Gunicorn, started in-process so `heartwork serve` behaves the same from any shell."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def warm_up() -> None:
    """Build the safety scanner's and the message coach's pattern indexes now, in the master.

    Built on first use, they take seconds; built here, before any worker forks, every
    worker inherits them ready and no first request waits. (Building them from several
    threads at once is safe too: heartwork.once.built_once, and tests/unit/test_built_once.py.)
    """
    from heartwork import coach
    from heartwork.safety import scanner

    scanner.scan("warming up")
    for kind in coach.KINDS:
        coach.analyze("warming up", kind=kind)


def run_gunicorn(application: Any, *, bind: str, workers: int) -> None:
    warm_up()
    _Gunicorn(
        application,
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            # No access log by default: even URLs and timings say something about a person.
            "accesslog": None,
            "errorlog": "-",
            "timeout": 30,
            "graceful_timeout": 10,
            # Gunicorn 25+ opens a control socket at one fixed path per user by default,
            # so a second `heartwork serve` (another port, the tests' two processes) would
            # take it over from the first. Nothing of ours uses gunicornc: leave it off.
            "control_socket_disable": True,
        },
    ).run()
