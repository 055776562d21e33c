"""Sounding-board joining mail: telling someone staff approved them, and confirming an address.

Mail goes out only once the transaction that asked for it commits, and never to a person who
was erased, opted out of contact or has no email address: `recipients_contactable` is asked just
before the message is addressed. Every sounding-board message carries the unsubscribe link.
"""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from convenor.engagement.calendar import site_url
from convenor.engagement.joining_selectors import unsubscribe_url
from convenor.engagement.models import Participant
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import recipients_contactable

logger = logging.getLogger(__name__)

APPROVED = "joining_approved"


def _one_line(text: str) -> str:
    # A subject is a mail header: a line break in a strategy's name must not end it.
    return " ".join(text.split())


def _approved_send_now(participant_pk: int) -> None:
    participant = (
        Participant.objects.select_related("person", "sounding_board__strategy")
        .filter(pk=participant_pk)
        .first()
    )
    if participant is None:
        return
    # Checked at sending: they may have opted out, been erased or left meanwhile.
    if not recipients_contactable([participant.person]):
        logger.info("Not sending the approval to participant %s: not contactable", participant_pk)
        return
    strategy = participant.sounding_board.strategy
    context = {
        "participant": participant,
        "person": participant.person,
        "strategy": strategy,
        "home_url": site_url(reverse("joining:home", args=[strategy.slug])),
        "profile_url": site_url(reverse("joining:profile", args=[strategy.slug])),
        "unsubscribe_url": unsubscribe_url(participant),
        "site_url": settings.CONVENOR_SITE_URL,
    }
    subject = _one_line(render_to_string(f"engagement/mail/{APPROVED}_subject.txt", context))
    text = render_to_string(f"engagement/mail/{APPROVED}.txt", context)
    html = render_to_string(f"engagement/mail/{APPROVED}.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[participant.person.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    message.attach_alternative(html, "text/html")
    message.send()


def approved_notify(*, participant: Participant) -> bool:
    """Email the participant that staff approved them, once the transaction commits.

    Returns whether a message was queued (not for the erased, opted out or emailless).
    """
    if not recipients_contactable([participant.person]):
        return False
    participant_pk = participant.pk

    # robust: the decision is committed by now; a mail server failure is logged by Django
    # rather than turning the staff page into an error.
    def send_approval_mail() -> None:
        _approved_send_now(participant_pk)

    transaction.on_commit(send_approval_mail, robust=True)
    return True


def address_confirmation_send(
    *, request: HttpRequest, address: EmailAddress, person: Person
) -> bool:
    """Send allauth's email confirmation to a new participant (no mail to the uncontactable).

    Called by the page once joining has committed, while the request is still being handled:
    allauth builds the link from the request it is serving, so this cannot wait for a commit.
    """
    if not recipients_contactable([person]):
        return False
    try:
        address.send_confirmation(request, signup=True)
    except OSError:
        # The person has joined; a mail server failure must not undo that. They can ask for
        # the link again from their account's email page.
        logger.exception("Could not send the email confirmation to person %s", person.pk)
        return False
    return True
