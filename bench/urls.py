"""Candour's URLs plus the bare ceiling view, for the benchmark's server only (bench.settings)."""

from django.urls import path

from bench.ceiling.views import submission
from config.urls import urlpatterns as candour_urlpatterns

urlpatterns = [path("bench/ceiling/", submission, name="bench_ceiling"), *candour_urlpatterns]
