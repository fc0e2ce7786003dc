# A list cut to fit one Telegram message (guardrail reasons on a draft, a buyer's thread).
bot-list-more = … and { $count } more
