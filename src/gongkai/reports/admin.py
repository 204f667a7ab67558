from django.contrib import admin

from .models import AnnualReport, ArticleTwentyFigures, CorrectionFlag, ReportReviewStep, ReportVersion


# Stacked, not tabular: the tabular inline's empty header cell fails axe-core (tests/journeys/test_admin_pages.py).
class VersionInline(admin.StackedInline):
    model = ReportVersion
    extra = 0
    can_delete = False
    readonly_fields = ("number", "note", "author_label", "created_at")
    fields = readonly_fields


class StepInline(admin.StackedInline):
    model = ReportReviewStep
    extra = 0
    can_delete = False
    readonly_fields = ("level", "decision", "actor_label", "comment", "created_at")
    fields = readonly_fields


class CorrectionFlagInline(admin.StackedInline):
    model = CorrectionFlag
    extra = 0
    can_delete = False
    readonly_fields = ("cause", "finding", "actor_label", "created_at", "resolved_at")
    fields = readonly_fields


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "state", "published_on")
    list_filter = ("year", "state")
    readonly_fields = ("state", "published_on", "frozen_at", "catalog_item_id")
    inlines = [VersionInline, StepInline, CorrectionFlagInline]

    def has_add_permission(self, request):
        return False  # reports are started from the staff page, which drafts them from the records

    def has_change_permission(self, request, obj=None):
        return False  # text changes go through the staff editor so that every edit is a version


@admin.register(ArticleTwentyFigures)
class ArticleTwentyFiguresAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "licensing", "penalty", "coercion", "fees_10k_yuan", "source", "source_note")
    list_filter = ("year", "source")
