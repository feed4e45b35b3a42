"""Make sure an organiser account exists for the local demo and print how to log in."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local admin account if missing and print its login."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "admin")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@localhost", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(password)
            user.save()
            shown = password
        else:
            shown = "(unchanged; set ADMIN_PASSWORD and delete the user to reset)"
        self.stdout.write(
            self.style.SUCCESS(f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/")
        )
        self.stdout.write(f"  username: {username}\n  password: {shown}")
