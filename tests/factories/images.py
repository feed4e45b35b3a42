"""Images for any test: real PNG bytes, and a Wagtail image made from them."""

import io


def png_bytes(size=(64, 48), colour=(11, 78, 162)):
    """A real PNG of `size`: what an honest upload contains."""
    from PIL import Image  # Pillow is heavy: only the tests that need an image pay for it

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(title="Ảnh sản phẩm", size=(64, 48)):
    """A saved Wagtail image (of the project's image model) holding a real PNG."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, file=SimpleUploadedFile("image.png", png_bytes(size), "image/png"))
    image.save()
    return image
