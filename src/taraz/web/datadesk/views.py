"""The data desk's pages. Each view checks access, calls one service and renders."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taraz.errors import TarazError, error_dict
from taraz.fa import to_persian_digits
from taraz.web.audit import services as audit_trail
from taraz.web.clients import client_ip
from taraz.web.datadesk import services
from taraz.web.datadesk.access import staff_required
from taraz.web.datadesk.forms import UploadForm
from taraz.web.datadesk.models import Job
from taraz.web.hub import hub
from taraz.web.site.services import current_lang, say


def _batches() -> list[dict]:
    from taraz.warehouse.batches import list_batches

    return list(reversed(list_batches(hub().reader())))


@require_GET
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "datadesk/home.html",
        {
            "form": UploadForm(),
            "jobs": Job.objects.all()[:10],
            "batches": _batches()[:100],
            "max_mb": settings.TARAZ_UPLOAD_MAX_BYTES // (1024 * 1024),
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        },
    )


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.TARAZ_UPLOAD_MAX_BYTES + 1024 * 1024  # the form's fields besides


@require_POST
@staff_required
def upload(request: HttpRequest) -> HttpResponse:
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    lang = current_lang()
    if _too_large(request):
        mb = settings.TARAZ_UPLOAD_MAX_BYTES // (1024 * 1024)
        return _upload_error(
            request,
            TarazError("datadesk.too-large", mb=mb),
            wants_json,
            lang,
        )
    form = UploadForm(request.POST, request.FILES)
    names = [f.name for f in request.FILES.getlist("files")]
    if not form.is_valid():
        return _upload_error(
            request,
            TarazError("datadesk.no-files"),
            wants_json,
            lang,
            names,
        )
    try:
        options = services.check_options(
            form.cleaned_data["flow"], form.cleaned_data["period"], form.cleaned_data["source"]
        )
        job = services.submit_upload(
            request.user,
            form.cleaned_data["files"],
            options,
            form.cleaned_data["one_batch"],
            ip=client_ip(request),
        )
    except TarazError as exc:
        return _upload_error(request, exc, wants_json, lang, names)
    url = reverse("datadesk:job", args=[job.pk])
    if wants_json:
        return JsonResponse(
            {
                "job": job.pk,
                "url": url,
                "status_url": reverse("datadesk:job_status", args=[job.pk]),
            },
            status=202,
        )
    return redirect(url)


def _upload_error(
    request, exc: TarazError, wants_json: bool, lang: str, names: list[str] | None = None
) -> HttpResponse:
    """The refusal, recorded, in the page or as JSON. Without `names` (a body over the limit,
    never read) the trail keeps the size the request declared."""
    declared = {} if names is not None else {"bytes": request.META.get("CONTENT_LENGTH", "")}
    services.upload_refused(request.user, exc, names or (), ip=client_ip(request), **declared)
    if wants_json:
        return JsonResponse({"error": error_dict(exc, exc.http_status)}, status=exc.http_status)
    messages.error(request, f"{exc.message(lang)} [{exc.code}]")
    return redirect("datadesk:home")


def _job_data(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "step": job.step,
        "progress_pct": job.progress_pct,
        "done_groups": job.done_groups,
        "total_groups": job.total_groups,
        "finished": job.finished,
        "result": job.result,  # each batch's report from the moment it ended
        "files": job.file_outcomes if job.kind == Job.Kind.IMPORT else [],
        "error": job.error or None,
        # a revision held for confirmation: each cell before and after, and what became of it
        "held": job.held_cells,
        "decision": _decision(job),
        "confirms": job.options.get("confirms"),
    }


def _decision(job: Job) -> dict | None:
    if job.decided_at is None:
        return None
    return {
        "status": job.status,
        "by": job.decided_by,
        "at": job.decided_at.isoformat(),
        "job": job.follow_up_id,
    }


@require_GET
@staff_required
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    item = get_object_or_404(Job, pk=job_id)
    return render(request, "datadesk/job.html", {"job": item, "data": _job_data(item)})


@require_GET
@staff_required
def job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    item = get_object_or_404(Job, pk=job_id)
    response = JsonResponse(_job_data(item))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required
def confirm_revision(request: HttpRequest, job_id: int) -> HttpResponse:
    """Land a held revision: a new job imports the kept files with the revision confirmed."""
    held = get_object_or_404(Job, pk=job_id)
    try:
        follow_up = services.confirm_revision(request.user, held.pk, ip=client_ip(request))
    except TarazError as exc:
        messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
        return redirect("datadesk:job", job_id=held.pk)
    number = str(follow_up.pk)
    number = to_persian_digits(number) if current_lang() == "fa" else number
    messages.info(request, say("desk.revision_confirmed", job=number))
    return redirect("datadesk:job", job_id=follow_up.pk)


@require_POST
@staff_required
def dismiss_revision(request: HttpRequest, job_id: int) -> HttpResponse:
    """Dismiss a held revision: its kept files are removed and nothing changes."""
    held = get_object_or_404(Job, pk=job_id)
    try:
        services.dismiss_revision(request.user, held.pk, ip=client_ip(request))
    except TarazError as exc:
        messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
    else:
        messages.info(request, say("desk.revision_dismissed"))
    return redirect("datadesk:job", job_id=held.pk)


def _batch_or_404(batch_id: str) -> dict:
    from django.http import Http404

    wanted = batch_id.strip().upper()
    for b in _batches():
        if b["batch_id"] == wanted:
            return b
    raise Http404(batch_id)


@require_GET
@staff_required
def batch(request: HttpRequest, batch_id: str) -> HttpResponse:
    from taraz.ingest.quarantine import quarantined_rows

    item = _batch_or_404(batch_id)
    rows = quarantined_rows(hub().reader(), item["batch_id"])
    history = audit_trail.about(item["batch_id"], 20)
    return render(
        request,
        "datadesk/batch.html",
        {
            "batch": item,
            "quarantine": rows[:100],
            "quarantine_count": len(rows),
            "history": history,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def revert(request: HttpRequest, batch_id: str) -> HttpResponse:
    item = _batch_or_404(batch_id)
    if request.method == "GET":
        return render(request, "datadesk/revert.html", {"batch": item})
    try:
        job_ = services.submit_revert(request.user, item["batch_id"], ip=client_ip(request))
    except TarazError as exc:
        messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
        return redirect("datadesk:batch", batch_id=item["batch_id"])
    messages.info(request, say("desk.revert_queued", batch=item["batch_id"]))
    return redirect("datadesk:job", job_id=job_.pk)


@require_GET
@staff_required
def quarantine_xlsx(request: HttpRequest, batch_id: str) -> HttpResponse:
    from taraz.ingest.quarantine import export_quarantine, quarantined_rows

    item = _batch_or_404(batch_id)
    rows = quarantined_rows(hub().reader(), item["batch_id"])
    with tempfile.TemporaryDirectory() as folder:
        body = export_quarantine(rows, Path(folder) / "quarantine.xlsx").read_bytes()
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="quarantine-{item["batch_id"]}.xlsx"'
    return response


@require_GET
@staff_required
def audit(request: HttpRequest) -> HttpResponse:
    return render(request, "datadesk/audit.html", {"events": audit_trail.recent(200)})
