"""Every API error is JSON: {"detail": "…"} and, for invalid fields, {"errors": {…}}."""

from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            errors = {field: _messages(value) for field, value in detail.items()}
            general = errors.pop("non_field_errors", None)
            response.data = {"detail": " ".join(general) if general else "Invalid input."}
            if errors:
                response.data["errors"] = errors
        else:
            response.data = {"detail": " ".join(_messages(detail))}
    return response


def _messages(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, dict):
        return [f"{key}: {' '.join(_messages(item))}" for key, item in value.items()]
    return [str(value)]


def api_not_found(request, exception=None):
    return JsonResponse({"detail": "Not found."}, status=404)


def api_server_error(request):
    return JsonResponse({"detail": "Server error. The report, if any, was not saved."}, status=500)
