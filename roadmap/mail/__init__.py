"""Outgoing mail: composed by a feature, queued in the database, delivered by delivery.py.

Built on the standard library (`email.message.EmailMessage` and `smtplib`) rather than
Flask-Mailman: both are kept with Python itself, cover what a digest needs (two parts,
any header, STARTTLS and SMTPS, login) and give the raw bytes we store in the queue, so
a message is rendered once and sent, retried or written to the outbox exactly as it
was composed. Flask-Mailman would add a dependency and an extension to bind, for a
Django-style API we would wrap again to queue its messages.

A mail is queued in the same transaction as the change that makes it, and delivered
afterwards; an SMTP server that refuses or is down leaves it queued for a later try
(with a growing delay), logged, and never fails the request or command that made it.
Without ROADMAP_SMTP_URL the mails are written as `.eml` files to the outbox folder.
"""
