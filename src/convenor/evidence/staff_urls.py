"""Staff URLs of the evidence base (filled by the evidence work)."""

app_name = "evidence_staff"

urlpatterns: list = []
