"""The exhibitor portal: a company's own profile, products, booth, payment and leads.

Every view looks the exhibitor up through the signed-in user's memberships, and every object through
that exhibitor, so another company's ids answer 404 (`access.portal_view`).
"""
