"""The company's products in the portal: create, edit, submit for review, gallery images."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exhibitors import services
from exhibitors.forms import ProductForm, ProductImageForm
from exhibitors.models import Product, ProductImage
from exhibitors.portal.access import portal_view


def _own_product(exhibitor, pk):
    return get_object_or_404(Product, pk=pk, exhibitor=exhibitor)


def _to_edit_page(exhibitor, product):
    return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)


def _submit(request, product):
    try:
        services.submit_product(product, user=request.user)
    except services.ExhibitorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Submitted: the organisers will review it."))


def _edit_page(request, exhibitor, product, form, image_form, status=200):
    return render(
        request,
        "exhibitors/portal/product_form.html",
        {
            "exhibitor": exhibitor,
            "form": form,
            "product": product,
            "images": product.images.select_related("image"),
            "image_form": image_form,
        },
        status=status,
    )


@portal_view
@require_http_methods(["GET", "POST"])
def product_new(request, exhibitor):
    form = ProductForm(request.POST or None, exhibitor=exhibitor)
    if request.method == "POST" and form.is_valid():
        product = services.create_product(
            exhibitor, user=request.user, data=form.product_data(), sessions=form.cleaned_data["sessions"]
        )
        messages.success(
            request, _("The product is saved as a draft. Add images, then submit it for review.")
        )
        return _to_edit_page(exhibitor, product)
    return render(
        request,
        "exhibitors/portal/product_form.html",
        {"exhibitor": exhibitor, "form": form, "product": None},
    )


@portal_view
@require_http_methods(["GET", "POST"])
def product_edit(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    form = ProductForm(request.POST or None, instance=Product.objects.get(pk=product.pk), exhibitor=exhibitor)
    if request.method == "POST" and form.is_valid():
        product = services.update_product(
            product, user=request.user, data=form.product_data(), sessions=form.cleaned_data["sessions"]
        )
        if "submit" in request.POST:
            _submit(request, product)
        else:
            messages.success(request, _("Saved."))
        return _to_edit_page(exhibitor, product)
    return _edit_page(request, exhibitor, product, form, ProductImageForm())


@portal_view
@require_POST
def product_submit(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    _submit(request, product)
    return _to_edit_page(exhibitor, product)


@portal_view
@require_POST
def product_image_add(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    form = ProductImageForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_product_image(
            product,
            user=request.user,
            upload=form.cleaned_data["image"],
            alt_vi=form.cleaned_data["alt_vi"],
            alt_en=form.cleaned_data["alt_en"],
        )
        messages.success(request, _("The image is added."))
        return _to_edit_page(exhibitor, product)
    product_form = ProductForm(instance=product, exhibitor=exhibitor)
    return _edit_page(request, exhibitor, product, product_form, form, status=400)


@portal_view
@require_POST
def product_image_delete(request, exhibitor, pk, image_id):
    product = _own_product(exhibitor, pk)
    item = get_object_or_404(ProductImage, pk=image_id, product=product)
    services.remove_product_image(item, user=request.user)
    messages.success(request, _("The image is removed."))
    return _to_edit_page(exhibitor, product)
