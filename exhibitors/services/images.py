"""Pictures companies upload (logos, product galleries), checked by content and kept as Wagtail images."""

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.log_actions import log

from exhibitors.models import ProductImage
from exhibitors.validators import check_image_upload


def store_image(upload, title):
    """A company's logo or product picture, refused unless its content is really an image."""
    check_image_upload(upload)
    image = get_image_model()(title=title[:255], file=upload)
    image.save()
    return image


@transaction.atomic
def add_product_image(product, *, user, upload, alt_vi, alt_en=""):
    """Store an uploaded picture as the last image of the product's gallery."""
    image = store_image(upload, alt_vi or product.name_vi)
    order = (product.images.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    item = ProductImage.objects.create(
        product=product, image=image, alt_vi=alt_vi, alt_en=alt_en, sort_order=order
    )
    log(instance=product, action="exhibitors.product_image_added", user=user, data={"image": image.pk})
    return item


@transaction.atomic
def remove_product_image(item, *, user):
    product = item.product
    image = item.image
    item.delete()
    image.delete()
    log(instance=product, action="exhibitors.product_image_removed", user=user)
