"""One item (an `Interaction`) as the seller meets it: its lifecycle stage (`stage`), what a card or page shows
(`view`), and what may be done with it now (`actions`: THE rule the bot and admin draw and core's commands enforce).

Modules here import `core.models` and a few leaf rules (`core.replies`, `core.answer_edits`, `core.returns`,
`core.question_actions`), never the other way round beyond the `actions.require` check those commands call.
"""
