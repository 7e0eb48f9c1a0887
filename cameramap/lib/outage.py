"""The answer while the database is unavailable: 503 with Retry-After, never a 500."""

from django.http import HttpResponse, JsonResponse

RETRY_AFTER_SECONDS = 30
MESSAGE = "The database is unavailable for a moment. Nothing was saved; please try again."


def response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        answer = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        # Plain HTML without templates: rendering one could need the database or the session.
        answer = HttpResponse(
            f"<!doctype html><title>503</title><h1>Service unavailable</h1><p>{MESSAGE}</p>",
            status=503,
        )
    answer["Retry-After"] = str(RETRY_AFTER_SECONDS)
    answer["Cache-Control"] = "no-store"
    return answer
