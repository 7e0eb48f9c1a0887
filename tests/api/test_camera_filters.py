import pytest


@pytest.mark.parametrize("area", ["\x00", "a b", "ünï", "../x"])
def test_an_area_filter_that_is_not_a_slug_is_a_400(api, db, area):
    response = api.get("/api/v1/cameras/", {"area": area})

    assert response.status_code == 400
    assert response.json()["errors"]["area"] == ["area must be a neighbourhood's slug"]
