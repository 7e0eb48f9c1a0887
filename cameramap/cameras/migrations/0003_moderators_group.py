from django.db import migrations


def create_moderators_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    sighting, _ = ContentType.objects.get_or_create(app_label="cameras", model="sighting")
    moderate, _ = Permission.objects.get_or_create(
        content_type=sighting,
        codename="moderate",
        defaults={"name": "Can review sightings and look after cameras"},
    )
    group, _ = Group.objects.get_or_create(name="moderators")
    group.permissions.add(moderate)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cameras", "0002_sighting_moderate_permission"),
    ]

    operations = [migrations.RunPython(create_moderators_group, migrations.RunPython.noop)]
