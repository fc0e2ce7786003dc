# Guardrail verdicts: one message per reason key (core/guardrails/rules.py). $fragment is the matched text.
guard-ai = Mentions AI, a bot or a neural network: "{ $fragment }". Buyers should be talking to the seller.
guard-incentive = Rewards or pressure for a review, or for changing or removing it: "{ $fragment }". WB's rules forbid this.
guard-refund = Promises a refund or compensation the buyer did not ask for: "{ $fragment }".
guard-blame = Blames the buyer: "{ $fragment }".
guard-redirect = Sends the buyer to support or another platform: "{ $fragment }".
guard-contact = Mentions a messenger or social network: "{ $fragment }". Buyers must not be taken off WB.
guard-contact-url = Contains a link: "{ $fragment }".
guard-contact-phone = Contains a phone number: "{ $fragment }".
guard-contact-email = Contains an e-mail address: "{ $fragment }".
guard-contact-handle = Contains a messenger username: "{ $fragment }".
guard-profanity = Rude or obscene word: "{ $fragment }".
guard-tone = Thanks for a high rating in reply to a low one: "{ $fragment }".
guard-format-caps = ALL CAPS reads as shouting: "{ $fragment }".
guard-format-empty = The text is empty.
guard-format-too-short = Too short: { $length } { $length ->
        [one] character
       *[other] characters
    }, at least { $limit } needed.
guard-format-too-long = Too long: { $length } { $length ->
        [one] character
       *[other] characters
    }, at most { $limit } allowed.
guard-custom = A phrase the seller has banned: "{ $fragment }".
guard-secret = The text contains an access key (a WB API token or similar): “{ $fragment }”. Such a text is never sent nor stored; if the token was posted in a chat, revoke it in your WB account.
