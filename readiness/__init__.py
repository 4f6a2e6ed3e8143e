"""Emergency readiness (Notfallvorsorge nach BSI-Standard 200-4): exercises with their findings,
released (frozen, versioned) emergency handbooks, and the emergency kit that works when the IT
is down. Built on the scenarios and processes of ``prozesse``; the knowledge dashboard, "Meine
Aufgaben" and the daily reminders read from here."""
