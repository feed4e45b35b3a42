"""API authentication for scanning devices: `Authorization: Token <token>`, checked against a hash."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission

from checkin.models import TOKEN_PREFIX, Device, hash_token

MAX_TOKEN_LENGTH = 100


class DevicePrincipal:
    """What `request.user` is for a device: authenticated, but no person and no permissions."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    is_active = True

    def __init__(self, device):
        self.device = device
        self.pk = None

    def __str__(self):
        return f"device:{self.device.pk}"

    def has_perm(self, perm, obj=None):
        return False


def token_hash(authorization):
    """The hex SHA-256 of the token in an `Authorization: Token …` header (given as bytes); None
    without such a header. A malformed one raises AuthenticationFailed."""
    parts = authorization.split()
    if not parts or parts[0].lower() != b"token":
        return None
    if len(parts) != 2:
        raise exceptions.AuthenticationFailed(_("Invalid token header: give exactly one token."))
    try:
        token = parts[1].decode("ascii")
    except UnicodeError as error:
        raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
    if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        raise exceptions.AuthenticationFailed(_("Invalid token."))
    return hash_token(token)


def check_device(device):
    """The device of a well-formed token, or AuthenticationFailed: unknown token, revoked device."""
    if device is None:
        raise exceptions.AuthenticationFailed(_("Invalid token."))
    if device.revoked_at is not None:
        raise exceptions.AuthenticationFailed(_("This device has been revoked."))
    return device


class DeviceTokenAuthentication(BaseAuthentication):
    """One indexed lookup by the token's SHA-256; revoked devices get 401."""

    keyword = "Token"

    def authenticate(self, request):
        hashed = token_hash(get_authorization_header(request))
        if hashed is None:
            return None
        rows = list(Device.objects.filter(token_hash=hashed).only("name", "event_id", "revoked_at")[:1])
        device = check_device(rows[0] if rows else None)
        return DevicePrincipal(device), device

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when the token is missing or wrong.
        return self.keyword


class IsCheckinDevice(BasePermission):
    """Only an active check-in device: the token opens the check-in API and nothing else."""

    def has_permission(self, request, view):
        return isinstance(request.auth, Device)


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """Documents the device token in the OpenAPI schema (`Authorization: Token <token>`)."""

    target_class = DeviceTokenAuthentication
    name = "DeviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`: the token printed by `manage.py create_checkin_device NAME` "
            "or shown once when a device is created in the admin.",
        }
