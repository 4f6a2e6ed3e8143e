"""The "last exercise" of a scenario is no longer a field of the page: exercises are recorded in
the app ``readiness`` (one truth). ``readiness`` 0002 first copies every filled-in date and
result into a held exercise of the scenario's town; then the fields go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prozesse", "0009_decision_tasks_and_page_states"),
        ("readiness", "0002_exercises_from_scenario_fields"),
    ]

    operations = [
        migrations.RemoveField(model_name="emergencyscenariopage", name="exercise_result"),
        migrations.RemoveField(model_name="emergencyscenariopage", name="last_exercise_date"),
    ]
