"""The safety check and the safety path, as pages. (Being built: see issue 4.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")


@never_cache
@login_required
def check(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")


@never_cache
@login_required
def check_partner(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")


@never_cache
@login_required
def check_screen(request: HttpRequest, screen_id: str) -> HttpResponse:
    return render(request, "safety/placeholder.html")


@never_cache
@login_required
def safety_path(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/placeholder.html")
