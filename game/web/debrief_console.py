"""The console's debrief panel and its routes: build, upload, open and download, behind the facilitator's token.

The work is in debrief.py; this is the HTTP side. Every route checks the
facilitator first, before a byte of the request body is read. Report files
are served only by the names the report writes (debrief.REPORT_FILE) (nothing a client sends
becomes a path), with a Content-Security-Policy that lets the report show its
own styles and inline images and nothing else; the only script that runs is the slides' own inline
paging script, allowed by its hash (computed from the file as it is served), never 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile

from starlette.requests import Request
from starlette.responses import (FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response)
from starlette.routing import Route

from .auth import is_facilitator
from .debrief import (MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, MEDIA_TYPES, REPORT_PAGES, Debrief, DebriefError, Taken,
                      check_kind, folder_for, shown)

REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; frame-ancestors 'none'; "
              "base-uri 'none'; form-action 'none'")
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)  # the report's pages write <script> bare, no src


def csp_for(body: bytes) -> str:
    """REPORT_CSP, plus script-src with the sha256 of each inline script of the page (the slides' key paging),
    so exactly those scripts run and nothing else: no 'unsafe-inline', no file from anywhere."""
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
              for m in _INLINE_SCRIPT.finditer(body)]
    return REPORT_CSP + ("; script-src " + " ".join(hashes) if hashes else "")


def install(app, db_path) -> Debrief:
    """The app's debrief, the panel's data for console.html, and the build when the workshop ends."""
    debrief = Debrief(app.state.games, folder_for(db_path))
    app.state.debrief = debrief
    app.state.templates.globals["debrief_panel"] = lambda request: panel(request.app)
    app.state.games.room.on_end(lambda state: _start_quietly(debrief))
    return debrief


def _start_quietly(debrief: Debrief) -> None:
    """At the end of the workshop: build the report now (a room nobody played in has nothing to build)."""
    try:
        debrief.start("report")
    except DebriefError:
        pass


def panel(app) -> dict:
    d: Debrief = app.state.debrief
    return {"status": d.status(), "uploads": d.uploads(), "workshop": app.state.games.workshop is not None,
            "files": [n for n in REPORT_PAGES if d.report_file(n)] if d.report_ready() else [],
            "max_kb": MAX_UPLOAD_BYTES // 1000, "max_files": MAX_UPLOAD_FILES}


def _refuse() -> Response:
    return JSONResponse({"error": "the facilitator's token is needed"}, status_code=401)


def _back() -> Response:
    return RedirectResponse("/console#debrief", status_code=303)


async def _facilitator_form(request: Request):
    """A small form (a button's fields) from the facilitator, or None before anything is read for anyone else."""
    if not is_facilitator(request):
        return None
    return await request.form(max_files=0, max_fields=4)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


async def build(request: Request) -> Response:
    form = await _facilitator_form(request)
    if form is None:
        return _refuse()
    try:
        request.app.state.debrief.start(check_kind(str(form.get("kind", "report"))))
    except DebriefError as exc:
        if _wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=409)
        return _page(request, [Taken("", False, str(exc))], status=409)
    if _wants_json(request):
        return JSONResponse(request.app.state.debrief.status(), status_code=202)
    return _back()


async def status(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    return JSONResponse(request.app.state.debrief.status(), headers={"Cache-Control": "no-store"})


async def upload(request: Request) -> Response:
    """Result files from desktop games (multipart, field 'result'); each verified on its own, then listed."""
    if not is_facilitator(request):
        return _refuse()
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return _page(request, [Taken("", False, "send the files as a form (multipart/form-data)")], status=415)
    debrief: Debrief = request.app.state.debrief
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES + 2, max_part_size=1024)
    except Exception as exc:  # starlette's MultiPartException: too many files or fields, a broken body
        if type(exc).__name__ != "MultiPartException":
            raise
        return _page(request, [Taken("", False, f"the upload cannot be read: {exc}")], status=400)
    taken = []
    try:
        for item in form.getlist("result"):
            if isinstance(item, str):
                taken.append(Taken("", False, "a text field instead of a file"))
                continue
            if item.size is not None and item.size > MAX_UPLOAD_BYTES:  # refused before a byte is read
                taken.append(Taken(shown(item.filename), False,
                                   f"larger than {MAX_UPLOAD_BYTES // 1000} kB; a result file is a few kB"))
                continue
            taken.append(debrief.take(item.filename, await item.read(MAX_UPLOAD_BYTES + 1)))
    finally:
        await form.close()
    if not taken:
        taken.append(Taken("", False, "choose one or more result files first"))
    request.app.state.events.notify()
    if _wants_json(request):
        return JSONResponse({"files": [{"file": t.shown_name, "ok": t.ok, "text": t.text} for t in taken]},
                            status_code=200 if all(t.ok for t in taken) else 422)
    return _page(request, taken, status=200 if all(t.ok for t in taken) else 422)


async def remove(request: Request) -> Response:
    form = await _facilitator_form(request)
    if form is None:
        return _refuse()
    try:
        request.app.state.debrief.remove_upload(int(str(form.get("upload", ""))))
    except ValueError:
        return PlainTextResponse("which upload? (a number)", status_code=400)
    return _back()


def _page(request: Request, taken: list[Taken], status: int = 200) -> Response:
    from .pages import render

    return render(request, "debrief_upload.html", status=status, taken=taken)


async def report_file(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    name = request.path_params["name"]
    path = request.app.state.debrief.report_file(name)
    if path is None:
        return PlainTextResponse("no such file in the debrief (build it from the console first)", status_code=404)
    if path.suffix == ".html":
        body = path.read_bytes()
        response = Response(body, media_type=MEDIA_TYPES[path.suffix])
        response.headers["Content-Security-Policy"] = csp_for(body)
    else:
        response = FileResponse(path, media_type=MEDIA_TYPES[path.suffix])
        response.headers["Content-Security-Policy"] = REPORT_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    if name == "turns.csv":
        response.headers["Content-Disposition"] = 'attachment; filename="turns.csv"'
    return response


async def download(request: Request) -> Response:
    """The whole report (report.html, slides.html, the charts as SVG, turns.csv) as one zip to keep or mail."""
    if not is_facilitator(request):
        return _refuse()
    debrief: Debrief = request.app.state.debrief
    if not debrief.report_ready():
        return PlainTextResponse("the debrief is not built yet", status_code=404)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in debrief.report_names():
            z.write(debrief.report_dir / name, f"debrief/{name}")
    return Response(buf.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="debrief.zip"', "Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [Route("/console/debrief/build", build, methods=["POST"]),
            Route("/console/debrief/status", status),
            Route("/console/debrief/upload", upload, methods=["POST"]),
            Route("/console/debrief/remove", remove, methods=["POST"]),
            Route("/console/debrief/files/{name}", report_file),
            Route("/console/debrief/debrief.zip", download)]
