from cameramap.cameras.moderation import sighting_approve, sighting_merge, sighting_reject
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory
from tests.moderation.helpers import pending, point


def test_my_reports_shows_each_outcome_and_the_rejection_reason(client, volunteer, moderator):
    AreaFactory()
    camera = camera_create(location=point())
    approved, merged, rejected, waiting = (pending(submitter=volunteer) for _ in range(4))
    sighting_approve(sighting_id=approved.pk, actor=moderator)
    sighting_merge(sighting_id=merged.pk, camera_id=camera.pk, actor=moderator)
    sighting_reject(
        sighting_id=rejected.pk, actor=moderator, reason="unclear", note="too dark to tell"
    )
    client.force_login(volunteer)
    page = client.get("/my-reports/").content.decode()
    assert "Checked and added to the map" in page
    assert "it confirmed a camera already on the map" in page
    assert "Not added to the map" in page
    assert "The photo or the place is too unclear to verify: too dark to tell" in page
    assert "Waiting for a moderator" in page
    assert "mona" not in page
