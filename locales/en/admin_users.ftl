# Issue 29 items 8 and 11: the dashboard's counters as links, and the admin users page.

# Dashboard tiles: the label before a counter that links to its items.
au-answered = answered:
au-breached = breached / decided:

# The admin users page (admin.routes.users): accounts, invites, roles, one-time links.
au-nav = Users
au-title = Admin users
au-you = you
au-col-email = E-mail
au-col-role = Role
au-col-state = State
au-col-created = Created
au-col-last-login = Last sign-in
au-col-actions = Actions
au-role-admin = admin
au-role-viewer = read-only
au-role-submit = change role
au-state-active = active
au-state-invited = invited, no password yet
au-state-no-password = no password yet
au-state-disabled = disabled
au-enable = enable
au-disable = disable
au-reset = password reset link
au-invite = Invite
au-invite-hint = The product sends no mail: an invite shows a one-time link valid for { $hours } h — pass it on yourself.
au-invite-submit = Invite
au-link-invite = { $email } is invited. The one-time link is valid for { $hours } h and shown only now — pass it on:
au-link-reset = Password reset link for { $email }. One-time, valid for { $hours } h and shown only now — pass it on:
au-refused-self = You cannot disable yourself or take the admin role from yourself.
au-refused-last-admin = This is the last enabled admin: it cannot be disabled or demoted.
au-refused-taken = An account with this e-mail already exists.
au-refused-email = That is not an e-mail address.
au-set-title = Sign-in password
au-set-for-invite = You are invited to the AgentIQ admin as { $email }. Choose a password.
au-set-for-reset = A new password for { $email }.
au-set-password = Password
au-set-confirm = Again
au-set-submit = Save password
au-password-short = The password needs at least { $min } characters.
au-password-long = The password is longer than 72 bytes (bcrypt's limit).
au-password-mismatch = The passwords differ.
au-link-gone = This link does not work: it was used, it expired or it is wrong. Ask an admin for a new one.
au-password-set = Password saved. Sign in with it.

# The interaction list opened from a dashboard counter: which of the counter's filters it applies.
au-filter-counter = Counter's filter:
au-filter-answered-true = answered
au-filter-answered-false = not answered
au-filter-sla-met = SLA met
au-filter-sla-breached = SLA breached
au-filter-sla-decided = SLA decided (met or breached)
au-filter-blocked-draft = draft blocked by the checks
au-filter-answer-state = answer { $state }
