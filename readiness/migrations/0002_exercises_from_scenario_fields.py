"""Each scenario's former "Letzte Übung" / "Ergebnis der Übung" becomes a held exercise of its
town (type "Art nicht erfasst"), so no recorded exercise is lost when prozesse 0010 removes the
fields. Reversible: going back copies the latest held exercise into the fields again."""

from django.db import migrations


def forwards(apps, schema_editor):
    Scenario = apps.get_model("prozesse", "EmergencyScenarioPage")
    Exercise = apps.get_model("readiness", "Exercise")
    for scenario in Scenario.objects.filter(last_exercise_date__isnull=False):
        if scenario.municipality_id is None:
            continue
        exercise = Exercise.objects.create(
            municipality_id=scenario.municipality_id,
            title=f"Übung {scenario.title}"[:255],
            kind="nicht_erfasst",
            status="durchgefuehrt",
            planned_for=scenario.last_exercise_date,
            held_on=scenario.last_exercise_date,
            outcome="erreicht",
            results=scenario.exercise_result,
        )
        Exercise.scenarios.through.objects.create(
            exercise_id=exercise.pk, emergencyscenariopage_id=scenario.pk
        )


def backwards(apps, schema_editor):
    Scenario = apps.get_model("prozesse", "EmergencyScenarioPage")
    Exercise = apps.get_model("readiness", "Exercise")
    for scenario in Scenario.objects.all():
        latest = (
            Exercise.objects.filter(scenarios__pk=scenario.pk, status="durchgefuehrt")
            .order_by("-held_on")
            .first()
        )
        if latest is not None:
            scenario.last_exercise_date = latest.held_on
            scenario.exercise_result = latest.results
            scenario.save(update_fields=["last_exercise_date", "exercise_result"])


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
