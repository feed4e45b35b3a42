"""Open data API: /api/v1/exhibitors/ and /api/v1/products/, paginated, searchable, fixed query count."""

from tests.factories.exhibitors import ExhibitorFactory, ProductFactory, ProductImageFactory


def test_products_list_shape_and_absolute_urls(client, db):
    product = ProductFactory(name_vi="Nền tảng học trực tuyến Đà Nẵng")
    ProductImageFactory(product=product)
    ProductFactory(status="draft")
    data = client.get("/api/v1/products/").json()
    assert set(data) >= {"count", "next", "previous", "results"}
    assert data["count"] == 1
    item = data["results"][0]
    assert item["url"] == f"http://testserver/vi/catalogue/{product.slug}/"
    assert item["exhibitor"]["url"].startswith("http://testserver/vi/exhibitors/")
    assert item["price"] is None
    assert item["images"][0]["alt_vi"]
    assert "search_text" not in item and "pending" not in item


def test_products_search_accent_insensitive_and_filters(client, db):
    ProductFactory(name_vi="Hệ thống quản lý tàu cá", sector="agritech", is_verified_make_in_danang=True)
    ProductFactory(name_vi="Ví điện tử", sector="fintech")
    assert client.get("/api/v1/products/", {"search": "tau ca"}).json()["count"] == 1
    assert client.get("/api/v1/products/", {"sector": "fintech"}).json()["count"] == 1
    assert client.get("/api/v1/products/", {"verified": "true"}).json()["count"] == 1
    assert client.get("/api/v1/products/", {"sector": "<script>"}).json()["count"] == 2
    assert client.get("/api/v1/products/", {"event": "abc"}).status_code == 200


def test_product_detail_and_unpublished_404(client, db):
    product = ProductFactory()
    assert client.get(f"/api/v1/products/{product.slug}/").json()["id"] == product.pk
    assert client.get(f"/api/v1/products/{ProductFactory(status='submitted').slug}/").status_code == 404


def test_exhibitors_list_only_public_with_search(client, db):
    ExhibitorFactory(name="Công ty Điện toán Sơn Trà")
    ExhibitorFactory(name="Ẩn danh", is_public=False)
    data = client.get("/api/v1/exhibitors/").json()
    assert data["count"] == 1
    assert data["results"][0]["url"].startswith("http://testserver/vi/exhibitors/")
    assert client.get("/api/v1/exhibitors/", {"search": "son tra"}).json()["count"] == 1
    assert client.get("/api/v1/exhibitors/", {"search": "an danh"}).json()["count"] == 0


def test_products_api_query_count_fixed(count_queries, client, db):
    def add(n):
        for _ in range(n):
            product = ProductFactory(exhibitor=ExhibitorFactory())
            ProductImageFactory(product=product)
            ProductImageFactory(product=product)

    add(2)
    small = count_queries(client, "/api/v1/products/?search=giao+thong")
    add(4)
    large = count_queries(client, "/api/v1/products/?search=giao+thong")
    assert small == large


def test_exhibitors_api_query_count_fixed(count_queries, client, db):
    ExhibitorFactory.create_batch(2)
    small = count_queries(client, "/api/v1/exhibitors/")
    ExhibitorFactory.create_batch(4)
    assert count_queries(client, "/api/v1/exhibitors/") == small


def test_openapi_schema_has_our_endpoints(client, db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "/api/v1/products/" in schema["paths"]
    assert "/api/v1/exhibitors/{slug}/" in schema["paths"]
    names = [p["name"] for p in schema["paths"]["/api/v1/products/"]["get"]["parameters"]]
    assert {"search", "sector", "page"} <= set(names)
