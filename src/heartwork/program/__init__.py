"""The guided program: its content (stages, readings, exercises), checked and scored.

The content itself is data in ``content/stages/*.yaml`` (docs/program.md). The loader
(``content``), its schema (``schema``, ``checks``) and scoring (``scoring``) are pure
Python and import no Django; progress and pages build on them.
"""
