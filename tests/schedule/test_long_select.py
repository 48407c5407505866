"""The milestone form's long post list is written in one pass, with the same meaning."""

from datetime import date

from markupsafe import Markup
from wtforms.widgets import Select

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.forms import MilestoneForm, fill_milestone_choices

from .factories import make_milestone, make_project, make_workstream


def test_the_linked_post_is_selected_and_names_are_escaped(app):
    with app.test_request_context("/"):
        stream = make_workstream(make_project())
        posts = [
            BorderPost(
                name=f"Post {n} <b>&</b>", country="NER", kind="land", latitude=13.0, longitude=2.0
            )
            for n in range(3)
        ]
        db.session.add_all(posts)
        db.session.flush()
        item = make_milestone(stream, "Works", date(2026, 6, 1), date(2026, 6, 30), post=posts[1])
        form = MilestoneForm(obj=item)
        fill_milestone_choices(form, item)
        html = form.post_id(class_="form-select")
        assert isinstance(html, Markup)
        assert html.startswith('<select class="form-select" id="post_id" name="post_id">')
        assert f'<option value="{posts[1].id}" selected>Post 1 &lt;b&gt;&amp;&lt;/b&gt;' in html
        assert html.count(" selected") == 1 and '<option value="None">—</option>' in html
        # The same options, selection and order as WTForms' own widget writes.
        plain = Select()(form.post_id, class_="form-select")

        def normalise(text):
            return text.replace(" selected value=", " value=").replace('" selected>', '">')

        assert normalise(str(html)) == normalise(str(plain))
