"""The crisis card and the help page. (Being built: see issue 4.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
def close_card(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")


@never_cache
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")
