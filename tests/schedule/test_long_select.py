"""The milestone form's long post list is written in one pass, with the same meaning."""

from datetime import date

from markupsafe import Markup
from wtforms.widgets import Select

from roadmap.schedule.forms import MilestoneForm, fill_milestone_choices
from tests import factories


def test_the_linked_post_is_selected_and_names_are_escaped(app):
    with app.test_request_context("/"):
        stream = factories.workstream()
        posts = [factories.border_post(name=f"Post {n} <b>&</b>") for n in range(3)]
        item = factories.milestone(
            stream, "Works", date(2026, 6, 1), date(2026, 6, 30), post=posts[1]
        )
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
