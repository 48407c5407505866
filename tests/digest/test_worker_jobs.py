"""The worker's schedule: the weekly digest and the retries of queued mail are periodic jobs."""

from datetime import datetime

from roadmap import jobs
from roadmap.digest import jobs as digest_jobs


def test_the_digest_and_the_mail_retries_are_on_the_workers_schedule():
    weekly = jobs.registry.schedules[jobs.name_of(digest_jobs.weekly_digest)]
    retries = jobs.registry.schedules[jobs.name_of(digest_jobs.deliver_due_mail)]
    monday_six = datetime(2026, 8, 17, 6, 0)
    assert weekly(monday_six) and not weekly(datetime(2026, 8, 18, 6, 0))
    assert retries(datetime(2026, 8, 18, 9, 35)) and not retries(datetime(2026, 8, 18, 9, 36))


def test_the_weekly_job_queues_the_digests_and_delivers_them(demo, tmp_path):
    demo.config["ROADMAP_OUTBOX_DIR"] = str(tmp_path)
    with demo.app_context():
        digest_jobs.weekly_digest()
    assert list(tmp_path.glob("*.eml"))


def test_a_wrong_mail_setting_is_logged_not_raised(demo, caplog):
    demo.config["ROADMAP_SMTP_URL"] = "gopher://nowhere"
    with demo.app_context():
        digest_jobs.weekly_digest()
    assert "weekly digest not sent" in caplog.text
