# Issue 29 items 8 and 11: the dashboard's counters as links, and the admin users page.

# Dashboard tiles: the label before a counter that links to its items.
au-answered = отвечено:
au-breached = нарушено / решено:
