"""Signing in to reach the staff area, on GOV.UK-styled django-allauth pages."""

import pytest
from django.urls import reverse

from tests.accounts.factories import PASSWORD, StaffUserFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_uses_govuk_form_components(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'class="govuk-label govuk-label--s" for="id_login"' in html
    assert 'class="govuk-input"' in html
    assert '<button type="submit" class="govuk-button"' in html
    assert "<title>Sign in \u2013 Convenor</title>" in html


def test_a_wrong_password_is_reported_in_the_summary_and_the_email_is_kept(client):
    StaffUserFactory(email="lead@example.org")
    response = client.post(
        reverse("account_login"), {"login": "lead@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert (
        '<a href="#id_login">The email address and/or password you specified are not correct.</a>'
    ) in html
    assert 'value="lead@example.org"' in html
    assert "<title>Error: Sign in \u2013 Convenor</title>" in html


def test_staff_sign_in_lands_in_the_staff_area_with_a_banner(client):
    StaffUserFactory(email="lead@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "lead@example.org", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("strategy_staff:home")
    assert "You are signed in as" in text_of(response)


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_signup", "Create an account"),
        ("account_reset_password", "Reset your password"),
        ("account_reset_password_done", "Check your email"),
    ],
)
def test_account_pages_are_govuk_pages(client, url_name, heading):
    response = client.get(reverse(url_name))
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in response.content.decode()


def test_the_sign_out_page_asks_first(client):
    client.force_login(StaffUserFactory())
    response = client.get(reverse("account_logout"))
    assert "Are you sure you want to sign out?" in text_of(response)


def test_missing_pages_are_govuk_404_pages(client):
    response = client.get("/staff/strategies/no-such-strategy/")
    assert response.status_code == 302  # signing in comes first, before anything is looked up
    client.force_login(StaffUserFactory())
    response = client.get("/staff/strategies/no-such-strategy/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
