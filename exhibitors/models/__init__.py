"""The showcase: exhibiting companies, their booths at events and their Make in DaNang products.

One module per concept; everything is importable from `exhibitors.models` as before.
"""

from exhibitors.models.booths import (
    ACTIVE_APPLICATION_STATUSES,
    HOLDING_STATUSES,
    ApplicationStatus,
    Booth,
    BoothPackage,
    BoothStatus,
    ExhibitorApplication,
    booth_status,
    new_reference,
)
from exhibitors.models.companies import Exhibitor, ExhibitorMember, Sector
from exhibitors.models.leads import Lead
from exhibitors.models.products import (
    PRODUCT_REVIEWED_FIELDS,
    Maturity,
    Product,
    ProductCategory,
    ProductImage,
    ProductQuerySet,
    ProductStatus,
)

__all__ = [
    "ACTIVE_APPLICATION_STATUSES",
    "HOLDING_STATUSES",
    "PRODUCT_REVIEWED_FIELDS",
    "ApplicationStatus",
    "Booth",
    "BoothPackage",
    "BoothStatus",
    "Exhibitor",
    "ExhibitorApplication",
    "ExhibitorMember",
    "Lead",
    "Maturity",
    "Product",
    "ProductCategory",
    "ProductImage",
    "ProductQuerySet",
    "ProductStatus",
    "Sector",
    "booth_status",
    "new_reference",
]
